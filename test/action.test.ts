/**
 * The GitHub Action (action.yml at the repository root): its shape as GitHub reads it, and its
 * `run:` steps executed the way GitHub executes them — `bash --noprofile --norc -eo pipefail
 * FILE`, the step's `env:` with its `${{ }}` expressions evaluated, GITHUB_OUTPUT, RUNNER_TEMP and
 * GITHUB_WORKSPACE — in a temporary project whose node_modules/.bin/wherefrom runs the built
 * dist/cli.js (`npm test` builds first). `uses:` steps are not run; whether the upload would run is
 * worked out from its `if:`.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './helpers.js';

interface Step {
  id?: string;
  name?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const CLI = path.join(ROOT, 'dist', 'cli.js');
const EDGE = path.join(ROOT, 'examples', 'sboms', 'edge-site.cdx.json');
const AS_OF = '--as-of 2026-11-28';

/** `a=b` lines and `name<<DELIMITER` blocks, as GitHub reads $GITHUB_OUTPUT. */
function readOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(file)) return out;
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const block = /^([^=<]+)<<(.+)$/.exec(line);
    if (block) {
      const end = lines.indexOf(block[2]!, i + 1);
      expect(end, `unterminated output ${block[1]}`).toBeGreaterThan(i);
      out[block[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return out;
}

interface Context {
  inputs: Record<string, string>;
  steps: Record<string, Record<string, string>>;
}

/** One `${{ }}` expression of the kinds action.yml may use; anything else fails the test. */
function value(expr: string, ctx: Context): string {
  const e = expr.trim();
  let m: RegExpExecArray | null;
  if ((m = /^inputs\.([\w-]+)$/.exec(e))) {
    expect(Object.keys(action.inputs), `unknown input ${m[1]}`).toContain(m[1]);
    return ctx.inputs[m[1]!] ?? '';
  }
  if (e === 'github.action_path') return ROOT;
  if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e))) return ctx.steps[m[1]!]?.[m[2]!] ?? '';
  throw new Error(`unexpected expression in action.yml: ${e}`);
}

const substitute = (s: string, ctx: Context) => s.replace(/\$\{\{(.*?)\}\}/g, (_, e: string) => value(e, ctx));

/** An `if:` of the form GitHub expressions take here: `always()`, `A == 'x'`, `A != 'x'`, joined by `&&`. */
function condition(expr: string | undefined, ctx: Context, failed: boolean): boolean {
  if (expr === undefined) return !failed;
  const terms = expr.split('&&').map((t) => t.trim());
  if (!terms.includes('always()') && failed) return false;
  return terms.every((t) => {
    if (t === 'always()') return true;
    const m = /^(.+?)\s*(==|!=)\s*'([^']*)'$/.exec(t);
    if (!m) throw new Error(`unexpected condition in action.yml: ${t}`);
    const v = value(m[1]!, ctx);
    return m[2] === '==' ? v === m[3] : v !== m[3];
  });
}

interface Run {
  /** The composite action's exit status (that of the step that failed, else 0). */
  code: number;
  outputs: Record<string, string>;
  log: string;
  /** Whether the upload step's `if:` let it run, and its `with:`. */
  upload: { ran: boolean; with: Record<string, string> };
  summary: string;
  scanCode: number;
}

/** A temporary project with the example SBOM and, unless told not to, node_modules/.bin/wherefrom. */
function project(opts: { local?: boolean } = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wherefrom-action-'));
  copyFileSync(EDGE, path.join(dir, 'edge-site.cdx.json'));
  if (opts.local !== false) {
    mkdirSync(path.join(dir, 'node_modules', '.bin'), { recursive: true });
    const shim = path.join(dir, 'node_modules', '.bin', 'wherefrom');
    writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(shim, 0o755);
  }
  return dir;
}

/** Runs the action's steps as a runner does, with the given inputs (defaults for the rest). */
function runAction(dir: string, given: Record<string, string>, extraEnv: Record<string, string> = {}): Run {
  const inputs: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.inputs)) inputs[k] = v.default ?? '';
  Object.assign(inputs, given);
  const ctx: Context = { inputs, steps: {} };
  const temp = mkdtempSync(path.join(tmpdir(), 'wherefrom-runner-'));
  const summary = path.join(temp, 'step-summary.md');
  writeFileSync(summary, '');
  let failed = 0;
  let log = '';
  let scanCode = -1;
  let upload: Run['upload'] = { ran: false, with: {} };
  action.runs.steps.forEach((step, n) => {
    const runs = condition(step.if, ctx, failed !== 0);
    if (step.uses !== undefined) {
      upload = { ran: runs, with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, substitute(v, ctx)])) };
      return;
    }
    if (!runs) return;
    const script = path.join(temp, `step-${n}.sh`);
    writeFileSync(script, step.run!);
    const output = path.join(temp, `output-${n}`);
    writeFileSync(output, '');
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? temp,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_WORKSPACE: dir,
      RUNNER_TEMP: temp,
      ...extraEnv,
    };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = substitute(v, ctx);
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: dir, env, encoding: 'utf8' });
    log += r.stdout + r.stderr;
    if (step.id) ctx.steps[step.id] = readOutputs(output);
    if (step.id === 'scan') scanCode = r.status ?? -1;
    if (r.status !== 0 && failed === 0) failed = r.status ?? 1;
  });
  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([k, o]) => [k, substitute(o.value, ctx)]));
  return { code: failed, outputs, log, upload, summary: readFileSync(summary, 'utf8'), scanCode };
}

describe('action.yml', () => {
  beforeAll(() => {
    expect(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first (`npm test` does)').toBe(true);
  });

  it('is a composite action: inputs with their defaults, outputs from the scan step, bash steps with no ${{ }} in run', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.name).toBe('wherefrom');
    const defaults = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? null]));
    expect(defaults).toEqual({ paths: null, policy: '', 'fail-on': 'deny', format: 'sarif', output: 'wherefrom.sarif', baseline: '', version: '', upload: 'true', summary: 'true', args: '' });
    expect(action.inputs.paths!.required).toBe(true);
    for (const i of Object.values(action.inputs)) expect(i.description.length).toBeGreaterThan(10);
    expect(Object.keys(action.outputs)).toEqual(['deny', 'warn', 'note', 'exit-code', 'report']);
    for (const [k, o] of Object.entries(action.outputs)) expect(o.value).toBe(`\${{ steps.scan.outputs.${k} }}`);
    const mapped = new Set<string>();
    for (const s of action.runs.steps) {
      if (s.run === undefined) continue;
      expect(s.shell).toBe('bash');
      expect(s.run).not.toContain('${{');
      for (const v of Object.values(s.env ?? {})) for (const m of v.matchAll(/inputs\.([\w-]+)/g)) mapped.add(m[1]!);
    }
    // Every input reaches a script as an env var, except `upload`, which only the upload step's `if:` reads.
    expect([...mapped].sort()).toEqual(Object.keys(action.inputs).filter((k) => k !== 'upload').sort());
    const up = action.runs.steps.find((s) => s.uses !== undefined)!;
    expect(up.uses).toBe('github/codeql-action/upload-sarif@v3');
    expect(up.with).toEqual({ sarif_file: '${{ steps.scan.outputs.sarif }}', category: 'wherefrom' });
    expect(up.if).toBe("always() && inputs.upload == 'true' && steps.scan.outputs.sarif != ''");
    const last = action.runs.steps.at(-1)!;
    expect(last.if).toBe('always()');
    expect(last.env).toEqual({ WHEREFROM_EXIT_CODE: '${{ steps.scan.outputs.exit-code }}' });
  });

  it('a clean scan: exit 0, no findings, the SARIF written and uploaded', () => {
    const dir = project();
    writeFileSync(path.join(dir, 'policy.json'), JSON.stringify({ countries: { FR: 'deny' }, declaredMismatch: 'allow' }));
    const r = runAction(dir, { paths: 'edge-site.cdx.json', policy: 'policy.json', args: AS_OF });
    expect(r.code, r.log).toBe(0);
    expect(r.scanCode).toBe(0);
    expect(r.outputs).toEqual({ deny: '0', warn: '0', note: '0', 'exit-code': '0', report: 'wherefrom.sarif' });
    const sarif = JSON.parse(readFileSync(path.join(dir, 'wherefrom.sarif'), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results).toEqual([]);
    expect(r.upload).toEqual({ ran: true, with: { sarif_file: 'wherefrom.sarif', category: 'wherefrom' } });
    expect(r.summary).toContain('## wherefrom: origin report');
    // The table went to the log.
    expect(r.log).toContain('ORGANISATION (CONTROLLER)');
  });

  it('denied findings: the scan step succeeds, the upload still runs, the action ends with exit 1', () => {
    const dir = project();
    const r = runAction(dir, { paths: 'edge-site.cdx.json', args: `--deny-country CN ${AS_OF}` });
    expect(r.scanCode, r.log).toBe(0);
    expect(r.code).toBe(1);
    expect(r.outputs).toEqual({ deny: '7', warn: '1', note: '0', 'exit-code': '1', report: 'wherefrom.sarif' });
    const sarif = JSON.parse(readFileSync(path.join(dir, 'wherefrom.sarif'), 'utf8')) as { version: string; runs: { results: { level: string }[] }[] };
    expect(sarif.runs[0]!.results.filter((x) => x.level === 'error')).toHaveLength(7);
    expect(r.upload.ran).toBe(true);
    expect(r.log).toContain('policy findings at or above fail-on');
    expect(r.summary).toContain('7 deny, 1 warn');
  });

  it('fail-on never: exit 0 with the findings counted', () => {
    const r = runAction(project(), { paths: 'edge-site.cdx.json', 'fail-on': 'never', args: `--deny-country CN ${AS_OF}` });
    expect(r.code, r.log).toBe(0);
    expect(r.outputs).toMatchObject({ deny: '7', warn: '1', 'exit-code': '0' });
  });

  it('a broken input file: exit 2, the report still written; a bad fail-on: exit 2, no counts', () => {
    const dir = project();
    writeFileSync(path.join(dir, 'broken.cdx.json'), '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [');
    const r = runAction(dir, { paths: 'broken.cdx.json edge-site.cdx.json', args: `--deny-country CN ${AS_OF}` });
    expect(r.code, r.log).toBe(2);
    expect(r.scanCode).toBe(0);
    expect(r.outputs).toMatchObject({ 'exit-code': '2', deny: '7' });
    expect(r.log).toContain('broken.cdx.json');
    expect(r.log).toContain('usage error, or some input could not be read');
    expect(existsSync(path.join(dir, 'wherefrom.sarif'))).toBe(true);
    const bad = runAction(project(), { paths: 'edge-site.cdx.json', 'fail-on': 'sometimes' });
    expect(bad.code).toBe(2);
    expect(bad.outputs).toMatchObject({ 'exit-code': '2', deny: '', warn: '', note: '' });
    expect(bad.upload.ran).toBe(false);
  });

  it('paths with spaces, one a line (and one starting with "-"); an output path with a space', () => {
    const dir = project();
    mkdirSync(path.join(dir, 'my sboms'));
    copyFileSync(EDGE, path.join(dir, 'my sboms', 'edge site.cdx.json'));
    copyFileSync(EDGE, path.join(dir, '-dash.cdx.json'));
    const r = runAction(dir, { paths: '  my sboms/edge site.cdx.json\n\n-dash.cdx.json  \n', output: 'origin report.sarif', args: `--deny-country\nCN\n--as-of\n2026-11-28\n` });
    expect(r.code, r.log).toBe(1);
    expect(r.outputs).toMatchObject({ deny: '14', 'exit-code': '1', report: 'origin report.sarif' });
    const sarif = JSON.parse(readFileSync(path.join(dir, 'origin report.sarif'), 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = new Set(sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri));
    expect(uris).toEqual(new Set(['my%20sboms/edge%20site.cdx.json', '-dash.cdx.json']));
    expect(r.upload.with.sarif_file).toBe('origin report.sarif');
  });

  it('another format: written, not uploaded; counts still given', () => {
    const dir = project();
    const r = runAction(dir, { paths: 'edge-site.cdx.json', format: 'codequality', output: 'gl-code-quality-report.json', args: `--deny-country CN ${AS_OF}` });
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ deny: '7', report: 'gl-code-quality-report.json' });
    expect(JSON.parse(readFileSync(path.join(dir, 'gl-code-quality-report.json'), 'utf8'))).toHaveLength(8);
    expect(r.upload.ran).toBe(false);
    expect(runAction(project(), { paths: 'edge-site.cdx.json', upload: 'false', args: AS_OF }).upload.ran).toBe(false);
  });

  it('version: the project\'s own wherefrom first, else npx with the action\'s version, or the one asked for', () => {
    // A stand-in npx on PATH: records its arguments, then runs the built CLI for the package asked.
    const bin = mkdtempSync(path.join(tmpdir(), 'wherefrom-npx-'));
    const calls = path.join(bin, 'calls');
    writeFileSync(path.join(bin, 'npx'), `#!/bin/sh\nprintf '%s\\n' "$*" >> "${calls}"\nshift 2\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(path.join(bin, 'npx'), 0o755);
    const env = { PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` };
    const local = runAction(project(), { paths: 'edge-site.cdx.json', args: AS_OF }, env);
    expect(local.code, local.log).toBe(0);
    expect(existsSync(calls)).toBe(false);
    const fallback = runAction(project({ local: false }), { paths: 'edge-site.cdx.json', args: AS_OF }, env);
    expect(fallback.code, fallback.log).toBe(0);
    expect(readFileSync(calls, 'utf8').split('\n')[0]).toMatch(new RegExp(`^--yes wherefrom@${pkg.version.replace(/\./g, '\\.')} scan edge-site\\.cdx\\.json `));
    const pinned = runAction(project(), { paths: 'edge-site.cdx.json', version: '1.2.3', args: AS_OF }, env);
    expect(pinned.code, pinned.log).toBe(0);
    expect(readFileSync(calls, 'utf8').split('\n')[1]).toMatch(/^--yes wherefrom@1\.2\.3 scan /);
    const hostile = runAction(project(), { paths: 'edge-site.cdx.json', version: '1.0.0 $(touch pwned)' }, env);
    expect(hostile.code).toBe(2);
    expect(readFileSync(calls, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('inputs are data, not code: quotes, $(...) and ${{ }}-like text in inputs run nothing', () => {
    const dir = project();
    const r = runAction(dir, { paths: 'edge-site.cdx.json', policy: '"; touch pwned; echo "', args: `$(touch pwned2) ${AS_OF}` });
    expect(r.code).toBe(2);
    expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
    expect(existsSync(path.join(dir, 'pwned2'))).toBe(false);
  });
});

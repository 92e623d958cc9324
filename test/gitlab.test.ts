/**
 * The GitLab CI template (ci/gitlab/wherefrom.gitlab-ci.yml): its structure, and its `script:`
 * run as a runner runs it — with bash (`-eo pipefail`, as GitLab runs bash) and with a plain POSIX
 * sh (`-e`, as on an Alpine image) — in a temporary project whose node_modules/.bin/wherefrom runs
 * the built dist/cli.js (`npm test` builds first), checking the artifacts and the exit status.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './helpers.js';

interface Job {
  image: string;
  variables: Record<string, string>;
  script: string[];
  artifacts: { when: string; reports: Record<string, string>; paths: string[] };
}

const FILE = path.join(ROOT, 'ci', 'gitlab', 'wherefrom.gitlab-ci.yml');
const template = parse(readFileSync(FILE, 'utf8')) as Record<string, Job>;
const job = template['.wherefrom']!;
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const CLI = path.join(ROOT, 'dist', 'cli.js');
const EDGE = path.join(ROOT, 'examples', 'sboms', 'edge-site.cdx.json');
const AS_OF = '--as-of 2026-11-28';

/** POSIX shells to run the script with: bash always, and a plain sh when it is not bash. */
const SHELLS: [string, string[]][] = [['bash', ['-eo', 'pipefail']]];
const sh = spawnSync('sh', ['-c', 'test -z "${BASH_VERSION:-}"']);
if (sh.status === 0) SHELLS.push(['sh', ['-e']]);

function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wherefrom-gitlab-'));
  copyFileSync(EDGE, path.join(dir, 'edge-site.cdx.json'));
  mkdirSync(path.join(dir, 'node_modules', '.bin'), { recursive: true });
  const shim = path.join(dir, 'node_modules', '.bin', 'wherefrom');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(shim, 0o755);
  return dir;
}

/** Runs the job's script in `dir` with the template's variables, overridden by `vars`. */
function runJob(shell: [string, string[]], dir: string, vars: Record<string, string>): { code: number; log: string } {
  const script = path.join(mkdtempSync(path.join(tmpdir(), 'wherefrom-job-')), 'script.sh');
  writeFileSync(script, `${job.script.join('\n')}\n`);
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, CI: 'true', ...job.variables, ...vars };
  const r = spawnSync(shell[0], [...shell[1], script], { cwd: dir, env, encoding: 'utf8' });
  return { code: r.status ?? -1, log: r.stdout + r.stderr };
}

const issues = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'gl-code-quality-report.json'), 'utf8')) as { severity: string; location: { path: string } }[];
const sarif = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'wherefrom.sarif'), 'utf8')) as { version: string; runs: { results: unknown[] }[] };

describe('ci/gitlab/wherefrom.gitlab-ci.yml', () => {
  beforeAll(() => {
    expect(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first (`npm test` does)').toBe(true);
  });

  it('is one hidden job on node:20 with the documented variables, the Code Quality report and the SARIF kept always', () => {
    // Only hidden jobs: including the template adds no job to a pipeline by itself.
    expect(Object.keys(template)).toEqual(['.wherefrom']);
    expect(job.image).toBe('node:20');
    expect(job.variables).toEqual({ WHEREFROM_PATHS: '', WHEREFROM_POLICY: '', WHEREFROM_FAIL_ON: 'deny', WHEREFROM_VERSION: '', WHEREFROM_ARGS: '' });
    expect(job.artifacts).toEqual({ when: 'always', reports: { codequality: 'gl-code-quality-report.json' }, paths: ['gl-code-quality-report.json', 'wherefrom.sarif'] });
    expect(job.script.join('\n')).toContain('--format=codequality');
    // The npx fallback is the release the template belongs to.
    expect(job.script.join('\n')).toContain(`wherefrom_version=${pkg.version} `);
  });

  describe.each(SHELLS)('run with %s', (...shell) => {
    it('denied findings: exit 1, said so in the log; the Code Quality report and the SARIF written', () => {
      const dir = project();
      const r = runJob(shell, dir, { WHEREFROM_PATHS: 'edge-site.cdx.json', WHEREFROM_ARGS: `--deny-country CN ${AS_OF}` });
      expect(r.code, r.log).toBe(1);
      expect(r.log).toContain('wherefrom: FAILED (exit 1): policy findings at or above --fail-on deny');
      expect(issues(dir).filter((i) => i.severity === 'critical')).toHaveLength(7);
      expect(sarif(dir).runs[0]!.results).toHaveLength(8);
      expect(r.log).toContain('ORGANISATION (CONTROLLER)');
    });

    it('a policy file and fail-on: exit 0 when nothing reaches it, the report still written', () => {
      const dir = project();
      writeFileSync(path.join(dir, 'policy.json'), JSON.stringify({ countries: { CN: 'warn' } }));
      const r = runJob(shell, dir, { WHEREFROM_PATHS: 'edge-site.cdx.json', WHEREFROM_POLICY: 'policy.json', WHEREFROM_ARGS: AS_OF });
      expect(r.code, r.log).toBe(0);
      expect(r.log).toContain('wherefrom: passed');
      expect(issues(dir).every((i) => i.severity === 'minor')).toBe(true);
      expect(runJob(shell, dir, { WHEREFROM_PATHS: 'edge-site.cdx.json', WHEREFROM_POLICY: 'policy.json', WHEREFROM_FAIL_ON: 'warn', WHEREFROM_ARGS: AS_OF }).code).toBe(1);
      expect(runJob(shell, dir, { WHEREFROM_PATHS: 'edge-site.cdx.json', WHEREFROM_ARGS: `--deny-country CN ${AS_OF}`, WHEREFROM_FAIL_ON: 'never' }).code).toBe(0);
    });

    it('a broken input: exit 2, told apart from findings in the log; the artifacts still written', () => {
      const dir = project();
      writeFileSync(path.join(dir, 'broken.cdx.json'), '{"bomFormat": "CycloneDX", "components": [');
      const r = runJob(shell, dir, { WHEREFROM_PATHS: 'broken.cdx.json edge-site.cdx.json', WHEREFROM_ARGS: `--deny-country CN ${AS_OF}` });
      expect(r.code, r.log).toBe(2);
      expect(r.log).toContain('wherefrom: ERROR (exit 2): a usage error, or an input could not be read');
      expect(r.log).not.toContain('FAILED (exit 1)');
      expect(issues(dir)).toHaveLength(8);
      expect(sarif(dir).version).toBe('2.1.0');
      const none = runJob(shell, project(), {});
      expect(none.code).toBe(2);
      expect(none.log).toContain('set WHEREFROM_PATHS');
    });

    it('paths with spaces, one a line; variables are data, not code', () => {
      const dir = project();
      mkdirSync(path.join(dir, 'my sboms'));
      copyFileSync(EDGE, path.join(dir, 'my sboms', 'edge site.cdx.json'));
      copyFileSync(EDGE, path.join(dir, '-dash.cdx.json'));
      const r = runJob(shell, dir, { WHEREFROM_PATHS: '  my sboms/edge site.cdx.json\n\n-dash.cdx.json\n', WHEREFROM_ARGS: `--deny-country CN ${AS_OF}` });
      expect(r.code, r.log).toBe(1);
      expect(new Set(issues(dir).map((i) => i.location.path))).toEqual(new Set(['my sboms/edge site.cdx.json', '-dash.cdx.json']));
      const hostile = runJob(shell, dir, { WHEREFROM_PATHS: '$(touch pwned) edge-site.cdx.json', WHEREFROM_POLICY: '"; touch pwned2; "', WHEREFROM_ARGS: '`touch pwned3` *' });
      expect(hostile.code).toBe(2);
      for (const f of ['pwned', 'pwned2', 'pwned3']) expect(existsSync(path.join(dir, f))).toBe(false);
      expect(runJob(shell, dir, { WHEREFROM_PATHS: 'edge-site.cdx.json', WHEREFROM_VERSION: '1; touch pwned' }).code).toBe(2);
      expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
    });
  });
});

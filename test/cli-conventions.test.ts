/**
 * What users of command-line tools expect without reading the manual: the project's policy file
 * found as ESLint and Prettier find theirs, NO_COLOR and FORCE_COLOR, --quiet, and reports that
 * are written whole or not at all.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileOps, writeAtomic } from '../cli/io.js';
import { findPolicy, searchRoot } from '../src/policy/load.js';
import { cli, ROOT } from './helpers.js';

const EDGE = path.join(ROOT, 'examples/sboms/edge-site.cdx.json');
const AS_OF = ['--as-of', '2026-11-28'];
const DENY_RU = JSON.stringify({ name: 'deny-ru', countries: { RU: 'deny' } });
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'wherefrom-conv-'));

/** A repository: a folder with .git, and a sub-folder to run in. */
function repo(files: Record<string, string>): { root: string; sub: string } {
  const root = tmp();
  mkdirSync(path.join(root, '.git'));
  const sub = path.join(root, 'services', 'api');
  mkdirSync(sub, { recursive: true });
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    writeFileSync(path.join(root, f), text);
  }
  return { root, sub };
}

type Json = { policies: { name: string; file?: string; discovered?: boolean }[]; findings: { policy: string }[] };
const scanJson = async (cwd: string, extra: string[] = []) => {
  const r = await cli(['scan', EDGE, '--format', 'json', ...AS_OF, ...extra], { cwd });
  return { ...r, json: JSON.parse(r.stdout) as Json };
};

describe('policy discovery', () => {
  it('finds wherefrom.policy.json at the repository root from a folder below it, and says so', async () => {
    const { sub } = repo({ 'wherefrom.policy.json': DENY_RU });
    const r = await scanJson(sub);
    expect(r.code).toBe(1);
    expect(r.json.policies).toEqual([expect.objectContaining({ name: 'deny-ru', file: '../../wherefrom.policy.json', discovered: true })]);
    const table = await cli(['scan', EDGE, '--format', 'table', ...AS_OF, '--fail-on', 'never'], { cwd: sub });
    expect(table.stdout).toContain('Policies: deny-ru (../../wherefrom.policy.json, found in the project)');
  });

  it('finds .wherefrom/policy.json and the "wherefrom" key of package.json; the nearest folder wins', async () => {
    const dot = repo({ '.wherefrom/policy.json': DENY_RU });
    expect((await scanJson(dot.sub)).json.policies[0]).toMatchObject({ file: '../../.wherefrom/policy.json', discovered: true });
    const pkg = repo({ 'package.json': JSON.stringify({ name: 'app', wherefrom: { countries: { RU: 'deny' } } }) });
    expect((await scanJson(pkg.sub)).json.policies[0]).toMatchObject({ name: 'wherefrom', file: '../../package.json', discovered: true });
    // A package.json without the key is passed over; a nearer policy file wins over the root's.
    const near = repo({ 'wherefrom.policy.json': DENY_RU, 'services/api/package.json': '{"name":"api"}', 'services/wherefrom.policy.json': JSON.stringify({ name: 'services', countries: { CN: 'deny' } }) });
    expect((await scanJson(near.sub)).json.policies.map((p) => p.name)).toEqual(['services']);
    expect(findPolicy(near.sub)?.path).toBe(path.join(near.root, 'services', 'wherefrom.policy.json'));
  });

  it('stops at the repository root, and outside a repository looks in the working folder only', () => {
    const outer = tmp();
    writeFileSync(path.join(outer, 'wherefrom.policy.json'), DENY_RU);
    const inner = path.join(outer, 'project');
    mkdirSync(path.join(inner, '.git'), { recursive: true });
    expect(searchRoot(path.join(inner))).toBe(inner);
    expect(findPolicy(inner)).toBeUndefined();
    const loose = path.join(outer, 'loose');
    mkdirSync(loose);
    expect(searchRoot(loose)).toBe(loose);
    expect(findPolicy(loose)).toBeUndefined();
    expect(findPolicy(outer)?.path).toBe(path.join(outer, 'wherefrom.policy.json'));
  });

  it('--policy overrides it, --no-config turns it off, and flags are held beside it', async () => {
    const { sub } = repo({ 'wherefrom.policy.json': DENY_RU });
    writeFileSync(path.join(sub, 'other.json'), JSON.stringify({ name: 'other', countries: { CN: 'warn' } }));
    expect((await scanJson(sub, ['--policy', 'other.json'])).json.policies.map((p) => p.name)).toEqual(['other']);
    const off = await scanJson(sub, ['--no-config']);
    expect(off.code).toBe(0);
    expect(off.json.policies).toEqual([]);
    expect((await scanJson(sub, ['--deny-country', 'CN'])).json.policies.map((p) => p.name)).toEqual(['deny-ru', 'command-line']);
  });

  it('an invalid discovered policy is a located error in its own file, exit 2', async () => {
    const { sub } = repo({ 'package.json': '{\n  "name": "app",\n  "wherefrom": {\n    "countries": { "RU": "block" }\n  }\n}\n' });
    const r = await cli(['scan', EDGE, ...AS_OF], { cwd: sub });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('../../package.json:4:26 (#/wherefrom/countries/RU): must be one of "deny", "warn", "allow"');
    const broken = repo({ 'package.json': '{"name": "app",' });
    const b = await cli(['scan', EDGE, ...AS_OF], { cwd: broken.sub });
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/looking for a policy: .*package\.json:1:16: .*truncated/);
  });
});

describe('colour', () => {
  const ESC = '\u001b[';
  const table = (env: Record<string, string>, stdoutIsTTY: boolean) =>
    cli(['scan', EDGE, '--deny-country', 'CN', '--fail-on', 'never', ...AS_OF, '--format', 'table'], { stdoutIsTTY, env });

  it('is on at a terminal, off when piped', async () => {
    expect((await table({}, true)).stdout).toContain(`${ESC}31m`);
    expect((await table({}, false)).stdout).not.toContain(ESC);
  });

  it('NO_COLOR turns it off at a terminal (an empty NO_COLOR does not); FORCE_COLOR forces it on, FORCE_COLOR=0 off', async () => {
    expect((await table({ NO_COLOR: '1' }, true)).stdout).not.toContain(ESC);
    expect((await table({ NO_COLOR: '' }, true)).stdout).toContain(ESC);
    expect((await table({ FORCE_COLOR: '1' }, false)).stdout).toContain(`${ESC}31m`);
    expect((await table({ FORCE_COLOR: '1', NO_COLOR: '1' }, false)).stdout).toContain(ESC);
    expect((await table({ FORCE_COLOR: '0' }, true)).stdout).not.toContain(ESC);
  });

  it('never colours a file, whatever FORCE_COLOR says', async () => {
    const out = path.join(tmp(), 'report.txt');
    await cli(['scan', EDGE, '--deny-country', 'CN', '--fail-on', 'never', ...AS_OF, '--format', 'table', '--output', out], { env: { FORCE_COLOR: '1' } });
    expect(readFileSync(out, 'utf8')).not.toContain(ESC);
  });
});

describe('--quiet', () => {
  it('prints only the findings that count, and errors: no component rows, no warnings, no progress', async () => {
    const csv = path.join(ROOT, 'fixtures/csv/assets-broken.csv');
    const warns = path.join(ROOT, 'fixtures/corpus/bom-shelter/in-the-wild/spdx/usbutils.spdx'); // has warnings
    const loud = await cli(['scan', EDGE, warns, csv, '--deny-country', 'CN', ...AS_OF, '--format', 'table'], { stderrIsTTY: true });
    const quiet = await cli(['scan', EDGE, warns, csv, '--deny-country', 'CN', ...AS_OF, '--format', 'table', '--quiet'], { stderrIsTTY: true });
    expect(loud.stdout).toContain('NAME');
    expect(quiet.stdout).not.toContain('NAME');
    const lines = quiet.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/^(deny|warn) {1,2}[A-Z_]+ \[command-line\] /);
    expect(loud.stderr).toMatch(/warning/);
    expect(loud.stderr).toMatch(/\[\d+\/\d+\]/);
    expect(quiet.stderr).not.toMatch(/warning|\[\d+\/\d+\]/);
    expect(quiet.stderr).toMatch(/^error: .*broken\.csv/m);
    expect(quiet.code).toBe(2);
  });
});

describe('--output is written atomically', () => {
  it('leaves the whole report and no temporary file behind', async () => {
    const dir = tmp();
    const r = await cli(['scan', EDGE, ...AS_OF, '--format', 'json', '--output', path.join(dir, 'report.json'), '--format', 'sarif', '--output', path.join(dir, 'report.sarif')]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['report.json', 'report.sarif']);
    expect(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'))).toMatchObject({ schema: 'wherefrom/report@1' });
  });

  it('writes a temporary file beside the target and renames it; when that fails the old report stays whole and the temporary file goes', async () => {
    const dir = tmp();
    const target = path.join(dir, 'report.json');
    writeFileSync(target, '{"old": true}\n');
    const calls: string[][] = [];
    await writeAtomic(target, '{"new": true}\n', {
      ...fileOps,
      open: (async (...a: Parameters<typeof fileOps.open>) => (calls.push(['open', String(a[0])]), fileOps.open(...a))) as typeof fileOps.open,
      rename: (async (from: string, to: string) => (calls.push(['rename', from, to]), fileOps.rename(from, to))) as typeof fileOps.rename,
    });
    expect(calls[0]![1]!.startsWith(path.join(dir, '.report.json.'))).toBe(true);
    expect(calls[1]).toEqual(['rename', calls[0]![1], target]);
    expect(readFileSync(target, 'utf8')).toBe('{"new": true}\n');

    const failing = { ...fileOps, rename: (async () => Promise.reject(Object.assign(new Error('EXDEV: killed here'), { code: 'EXDEV' }))) as typeof fileOps.rename };
    await expect(writeAtomic(target, '{"half": ', failing)).rejects.toThrow(/cannot write .*report\.json: EXDEV: killed here/);
    expect(readFileSync(target, 'utf8')).toBe('{"new": true}\n');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('a folder that does not exist is a usage error (exit 2), not a crash', async () => {
    const r = await cli(['scan', EDGE, ...AS_OF, '--format', 'json', '--output', path.join(tmp(), 'missing', 'report.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write .*report\.json: no such directory/);
  });
});

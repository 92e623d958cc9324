/**
 * The policy side of the CLI: policies from files and flags, exit codes by --fail-on, several
 * formats and outputs in one run, baselines, waivers files, init; and the example policies.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers.js';

const EDGE = 'examples/sboms/edge-site.cdx.json';
const AS_OF = ['--as-of', '2026-11-28'];
const tmp = () => mkdtempSync(path.join(tmpdir(), 'wherefrom-'));
const json = (s: string) => JSON.parse(s) as { findings: { code: string; severity: string; policy: string; component?: { name: string }; waived?: unknown; baseline?: string }[]; components: { name: string; verdict: string | null }[] };

describe('the example policies (examples/policies) over the example and the corpus fixtures', () => {
  it.each([
    // policy, input, --fail-on, exit code, expected counting findings by code
    ['restricted-lists', EDGE, 'deny', 1, { RESTRICTED_LIST: 7, DECLARED_ORIGIN_MISMATCH: 1 }],
    ['restricted-lists', 'fixtures/corpus/cyclonedx-bom-examples', 'deny', 0, {}],
    ['home-only-hardware', EDGE, 'deny', 1, { ORIGIN_DENIED: 9, DECLARED_ORIGIN_MISMATCH: 1 }],
    ['home-only-hardware', 'fixtures/corpus/cyclonedx-bom-examples/HBOM__PCIe-SATA-adapter-board__bom.json', 'deny', 1, null],
    ['warn-state-owned', EDGE, 'deny', 0, { ORIGIN_WARNED: 2, DECLARED_ORIGIN_MISMATCH: 1 }],
    ['warn-state-owned', EDGE, 'warn', 1, { ORIGIN_WARNED: 2, DECLARED_ORIGIN_MISMATCH: 1 }],
    ['with-waivers', EDGE, 'deny', 1, { ORIGIN_DENIED: 8, WAIVER_EXPIRED: 2, WAIVER_UNUSED: 1, DECLARED_ORIGIN_MISMATCH: 1 }],
    ['with-waivers', 'fixtures/corpus/bom-shelter/in-the-wild/spdx/constellation-spdx.json', 'deny', 1, null],
  ] as const)('%s on %s, --fail-on %s: exit %i', async (policy, input, failOn, code, counts) => {
    const r = await cli(['scan', input, '--policy', `examples/policies/${policy}.json`, '--fail-on', failOn, '--format', 'json', ...AS_OF]);
    expect(r.code, r.stderr).toBe(code);
    const report = json(r.stdout);
    const live = report.findings.filter((f) => !f.waived);
    if (counts) {
      const got: Record<string, number> = {};
      for (const f of live) got[f.code] = (got[f.code] ?? 0) + 1;
      expect(got).toEqual(counts);
    } else expect(live.some((f) => f.severity === 'deny')).toBe(true);
    if (code === 1) expect(r.stderr).toContain(`policy findings at or above --fail-on ${failOn}`);
  });

  it('the waivers example waives fastjson until its expiry, and names the waiver', async () => {
    const r = await cli(['scan', EDGE, '--policy', 'examples/policies/with-waivers.json', '--format', 'json', ...AS_OF]);
    const waived = json(r.stdout).findings.filter((f) => f.waived);
    expect(waived.map((f) => f.component?.name)).toEqual(['com.alibaba/fastjson']);
  });
});

describe('wherefrom scan with policies', () => {
  it('quick policies from flags; exit 0 when nothing reaches --fail-on', async () => {
    const deny = await cli(['scan', EDGE, '--deny-country', 'RU', '--format', 'json', ...AS_OF]);
    expect(deny.code).toBe(1);
    expect(json(deny.stdout).findings.filter((f) => f.code === 'ORIGIN_DENIED').map((f) => f.component?.name).sort()).toEqual([
      'Kaspersky Endpoint Security for Linux',
      'ru.yandex.clickhouse/clickhouse-jdbc',
    ]);
    expect((await cli(['scan', EDGE, '--deny-country', 'FR', '--format', 'json', ...AS_OF])).code).toBe(0);
    expect((await cli(['scan', EDGE, '--warn-country', 'RU', '--format', 'json', ...AS_OF])).code).toBe(0);
    expect((await cli(['scan', EDGE, '--warn-country', 'RU', '--fail-on', 'warn', '--format', 'json', ...AS_OF])).code).toBe(1);
    expect((await cli(['scan', EDGE, '--deny-country', 'RU', '--fail-on', 'never', '--format', 'json', ...AS_OF])).code).toBe(0);
    expect((await cli(['scan', EDGE, '--deny-list', 'us-fcc-covered', '--deny-org', 'alibaba', '--format', 'json', ...AS_OF])).code).toBe(1);
    // unknown: left-pad is attributed to nobody.
    expect((await cli(['scan', EDGE, '--deny-country', 'FR', '--fail-on', 'unknown', '--format', 'json', ...AS_OF])).code).toBe(1);
  });

  it('two policy files in one run, each with its own findings', async () => {
    const r = await cli(['scan', EDGE, '--policy', 'examples/policies/restricted-lists.json', '--policy', 'examples/policies/warn-state-owned.json', '--format', 'json', ...AS_OF]);
    const report = json(r.stdout);
    expect(new Set(report.findings.map((f) => f.policy))).toEqual(new Set(['restricted-lists', 'warn-state-owned']));
    expect(r.code).toBe(1);
  });

  it('a bad policy is a located error, exit 2, and nothing is scanned', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'bad.json'), '{\n  "countries": { "RU": "forbid" }\n}\n');
    const r = await cli(['scan', EDGE, '--policy', 'bad.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.json:2:24 (#/countries/RU): must be one of "deny", "warn", "allow"');
    expect(r.stdout).toBe('');
    expect((await cli(['scan', EDGE, '--policy', 'missing.json'], { cwd: dir })).stderr).toContain('missing.json: cannot read: no such file');
    expect((await cli(['scan', EDGE, '--deny-country', 'Russia'])).code).toBe(2);
  });

  it('a baseline: only findings new since the earlier report fail the build', async () => {
    const dir = tmp();
    const before = await cli(['scan', EDGE, '--deny-country', 'RU', '--format', 'json', '--output', path.join(dir, 'before.json'), ...AS_OF]);
    expect(before.code).toBe(1);
    const same = await cli(['scan', EDGE, '--deny-country', 'RU', '--baseline', path.join(dir, 'before.json'), '--format', 'json', ...AS_OF]);
    expect(same.code).toBe(0);
    expect(json(same.stdout).findings.every((f) => f.baseline === 'unchanged')).toBe(true);
    const more = await cli(['scan', EDGE, '--deny-country', 'RU,CN', '--baseline', path.join(dir, 'before.json'), '--format', 'json', ...AS_OF]);
    expect(more.code).toBe(1);
    expect(more.stderr).toMatch(/\(\d+ new since the baseline\)/);
    expect((await cli(['scan', EDGE, '--deny-country', 'RU', '--baseline', EDGE])).stderr).toContain('not a wherefrom JSON report');
  });

  it('--waivers FILE adds waivers to every policy', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'waivers.json'), JSON.stringify({ waivers: [{ org: 'kaspersky', reason: 'contract ends in 2027', owner: 'it-sec', expires: '2027-03-31' }] }));
    const r = await cli(['scan', path.resolve(EDGE), '--deny-country', 'RU', '--waivers', 'waivers.json', '--format', 'json', ...AS_OF], { cwd: dir });
    const f = json(r.stdout).findings.find((x) => x.component?.name === 'Kaspersky Endpoint Security for Linux')!;
    expect(f.waived).toMatchObject({ owner: 'it-sec' });
    expect((await cli(['scan', EDGE, '--waivers', path.join(dir, 'waivers.json')])).stderr).toContain('--waivers needs a policy');
  });

  it('several formats in one run: the Nth --output takes the Nth --format, one goes to stdout', async () => {
    const dir = tmp();
    const r = await cli(['scan', EDGE, '--deny-country', 'CN', '--format', 'json', '--output', path.join(dir, 'r.json'), '--format', 'table', ...AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('VERDICT  NAME');
    expect(JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8')).schema).toBe('wherefrom/report@1');
    expect((await cli(['scan', EDGE, '--format', 'json', '--format', 'table'])).stderr).toContain('only one --format can go to stdout');
    expect((await cli(['scan', EDGE, '--format', 'pdf'])).code).toBe(2);
  });

  it('colour only on a terminal', async () => {
    const tty = await cli(['scan', EDGE, '--deny-country', 'CN', ...AS_OF], { stdoutIsTTY: true });
    expect(tty.stdout).toContain('\u001b[31m');
    const pipe = await cli(['scan', EDGE, '--deny-country', 'CN', '--format', 'table', ...AS_OF]);
    expect(pipe.stdout).not.toContain('\u001b[');
  });
});

describe('wherefrom init', () => {
  it('writes a starter policy that scan accepts, and never overwrites without --force', async () => {
    const dir = tmp();
    const r = await cli(['init', '--deny-country', 'RU', '--home', 'BR'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('then run wherefrom scan PATH...');
    const text = readFileSync(path.join(dir, 'wherefrom.policy.json'), 'utf8');
    expect(text).toContain('"BR": "allow"');
    expect((await cli(['scan', path.resolve(EDGE), '--policy', 'wherefrom.policy.json', '--format', 'json', ...AS_OF], { cwd: dir })).code).toBe(1);
    // The file init writes is the one scan finds without flags.
    const found = await cli(['scan', path.resolve(EDGE), '--format', 'json', ...AS_OF], { cwd: dir });
    expect(found.code).toBe(1);
    expect((JSON.parse(found.stdout) as { policies: unknown[] }).policies).toEqual([expect.objectContaining({ name: 'origin-policy', file: 'wherefrom.policy.json', discovered: true })]);
    expect((await cli(['init'], { cwd: dir })).stderr).toContain('exists: use --force');
    expect((await cli(['init', '--force'], { cwd: dir })).code).toBe(0);
  });
});

describe('finding locations', () => {
  it('a finding in a JSON SBOM carries its component\'s line as well as its pointer', async () => {
    const r = await cli(['scan', EDGE, '--deny-country', 'RU', '--format', 'json', ...AS_OF]);
    const f = (JSON.parse(r.stdout) as { findings: { component: { name: string; location: { pointer: string; line: number; column: number } } }[] }).findings.find(
      (x) => x.component.name === 'Kaspersky Endpoint Security for Linux',
    )!;
    const lines = readFileSync(EDGE, 'utf8').split('\n');
    expect(f.component.location.pointer).toBe('/components/6');
    expect(lines[f.component.location.line - 1]!.slice(f.component.location.column - 1)).toMatch(/^\{/);
    expect(lines.slice(f.component.location.line - 1, f.component.location.line + 3).join('\n')).toContain('Kaspersky Endpoint Security for Linux');
  });
});

describe('end to end, as the README shows it', () => {
  it('scan FILE --deny-country XX --format sarif --output out.sarif --format table', async () => {
    const dir = tmp();
    const out = path.join(dir, 'out.sarif');
    const r = await cli(['scan', EDGE, '--deny-country', 'CN', '--format', 'sarif', '--output', out, '--format', 'table', ...AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('ORIGIN_DENIED');
    const sarif = JSON.parse(readFileSync(out, 'utf8')) as { version: string; runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    const results = sarif.runs[0]!.results.filter((x) => x.ruleId === 'ORIGIN_DENIED');
    expect(results).toHaveLength(7);
    expect(results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(EDGE);
    expect(results.every((x) => x.locations[0]!.physicalLocation.region.startLine > 1)).toBe(true);
  });
});

describe('--format cyclonedx', () => {
  it('gives back a CycloneDX JSON input enriched; older or other inputs as a new 1.6 BOM', async () => {
    const edge = JSON.parse((await cli(['scan', EDGE, '--deny-country', 'CN', '--format', 'cyclonedx', '--fail-on', 'never', ...AS_OF])).stdout);
    expect(edge.serialNumber).toBe(JSON.parse(readFileSync(EDGE, 'utf8')).serialNumber);
    const huawei = edge.components.find((c: { name: string }) => c.name === 'CloudEngine S5735-L24T4X');
    expect(huawei.properties).toEqual(expect.arrayContaining([{ name: 'wherefrom:controller', value: 'huawei' }, { name: 'wherefrom:verdict', value: 'deny' }]));
    const old = JSON.parse((await cli(['scan', 'fixtures/corpus/cyclonedx-bom-examples/SBOM__dropwizard-1.3.15__bom.json', '--format', 'cyclonedx'])).stdout);
    expect(old.specVersion).toBe('1.6');
  });
});

/**
 * The built package as a user gets it: `exports` resolve for import and require, both give the
 * same API as src/index.ts, the types are where `exports` says, and the bin runs.
 * (`npm test` builds first.)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { ROOT } from './helpers.js';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, { import: { types: string; default: string }; require: { types: string; default: string } }>;
  bin: Record<string, string>;
  engines: { node: string };
};

const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });

describe('the built package', () => {
  const expected = Object.keys(api).sort();

  it('import "wherefrom" (ESM) gives the API of src/index.ts', () => {
    const names = JSON.parse(node(['--input-type=module', '-e', 'import * as m from "wherefrom"; console.log(JSON.stringify(Object.keys(m).sort()))']));
    expect(names).toEqual(expected);
  });

  it('require("wherefrom") (CommonJS) gives the same API', () => {
    const names = JSON.parse(node(['-e', 'console.log(JSON.stringify(Object.keys(require("wherefrom")).sort()))']));
    expect(names).toEqual(expected);
  });

  it('exports list types first, and every file they name exists', () => {
    const dot = pkg.exports['.']!;
    expect(Object.keys(dot.import)[0]).toBe('types');
    expect(Object.keys(dot.require)[0]).toBe('types');
    for (const f of [dot.import.types, dot.import.default, dot.require.types, dot.require.default, pkg.bin.wherefrom!]) {
      expect(existsSync(path.join(ROOT, f)), f).toBe(true);
    }
  });

  it('the bin runs and needs Node 20.19 or later', () => {
    expect(node([pkg.bin.wherefrom!, '--version']).trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(pkg.engines.node).toBe('>=20.19');
  });

  it('the bin reads the hardware registries and the catalog shipped in data/ (host, plan)', () => {
    const bin = pkg.bin.wherefrom!;
    const host = node([bin, 'host', '--root', 'fixtures/host/arm-server', '--format', 'json']);
    expect(host).toContain('"via": "pci.ids 2023.04.10: Huawei Technologies Co., Ltd."');
    const planned = JSON.parse(node([bin, 'plan', 'examples/sboms/edge-site.cdx.json', '--deny-country', 'CN', '--format', 'json'])) as { policies: { items: { candidates: unknown[] }[] }[] };
    expect(planned.policies[0]!.items.some((i) => i.candidates.length > 0)).toBe(true);
  });

  it('the bin attributes from the compiled dataset; lookup reads the details; an overlay still wins', () => {
    const bin = pkg.bin.wherefrom!;
    expect(node([bin, 'explain', 'pkg:maven/com.alibaba/fastjson@1.2.83'])).toContain('controller: Alibaba Group Holding Limited [alibaba], country CN');
    expect(node([bin, 'explain', 'Mellanox Technologies'])).toContain('[nvidia], country US');
    const huawei = node([bin, 'lookup', 'huawei']);
    expect(huawei).toMatch(/^source: https:\/\//m);
    expect(huawei).toContain('aliases: ');
    const overlay = node([bin, 'explain', '--data', 'fixtures/data/overlay.json', 'pkg:npm/acme-test-lib@1.0.0']);
    expect(overlay).toContain('controller: Acme Test Widgets GmbH [test-acme], country DE');
    expect(node([bin, 'explain', '--data', 'fixtures/data/overlay.json', 'pkg:maven/com.alibaba/fastjson@1.2.83'])).toContain('[alibaba], country CN');
  });

  it.each([
    ['CommonJS', ['-e']],
    ['ESM', ['--input-type=module', '-e']],
  ])('the %s build reads an SBOM, a directory and an npm project (its lazily loaded parts included)', (_, flags) => {
    const load = flags.length === 1 ? 'Promise.resolve(require("wherefrom"))' : 'import("wherefrom")';
    const script = `${load}.then(w => w.inventory([
      "fixtures/corpus/cyclonedx-bom-examples/SBOM__dropwizard-1.3.15__bom.json",
      "fixtures/corpus/spdx-examples",
      "fixtures/npm/workspace-v3",
    ])).then(i => console.log(JSON.stringify(i.sources.map(s => s.format + ":" + s.componentCount))))`;
    const counts = JSON.parse(node([...flags, script])) as string[];
    expect(counts[0]).toBe('cyclonedx:167');
    expect(counts.filter((c) => c.startsWith('spdx:'))).toHaveLength(readdirSync(path.join(ROOT, 'fixtures/corpus/spdx-examples')).length);
    expect(counts.at(-1)).toBe('npm:15');
  });
});

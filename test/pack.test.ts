/**
 * The package as a user gets it from the registry: `npm pack`, installed into an empty folder,
 * then `npx wherefrom scan` on a bundled example and the library imported both ways. This is the
 * README's quick start run as a script, so a file missing from `files`, a runtime dependency
 * listed as a dev one, or a broken bin is caught here before a user finds it. Also
 * `npm run smoke`. (`npm test` builds first.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });

interface Packed {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

const work = mkdtempSync(path.join(os.tmpdir(), 'wherefrom-pack-'));
let packed: Packed;
let project: string;

beforeAll(() => {
  packed = (JSON.parse(npm(['pack', '--json', '--pack-destination', work], ROOT)) as Packed[])[0]!;
  project = path.join(work, 'user-project');
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'user-project', version: '1.0.0', private: true }));
  // Installed as a user installs it: the tarball and its dependencies, from npm's cache when it has them.
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', path.join(work, packed.filename)], project);
  copyFileSync(path.join(ROOT, 'examples/sboms/edge-site.cdx.json'), path.join(project, 'sbom.cdx.json'));
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the npm package', () => {
  it('holds what a user needs and nothing else: no sources, tests, fixtures or source maps', () => {
    const files = packed.files.map((f) => f.path).sort();
    for (const needed of ['package.json', 'README.md', 'LICENSE', 'NOTICE', 'CHANGELOG.md', 'dist/cli.js', 'dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/internal.js', 'dist/dataset.json', 'dist/dataset-details.json', 'data/schema/policy.schema.json', 'data/hwids/pci.json', 'data/catalog/software.json']) {
      expect(files, needed).toContain(needed);
    }
    const stray = files.filter((f) => /^(src|cli|test|fixtures|bench|scripts|examples|docs|\.ci|ci)\//.test(f) || /\.(map|ts)$/.test(f.replace(/\.d\.c?ts$/, '')) || f.endsWith('.tgz'));
    expect(stray).toEqual([]);
    expect(files.every((f) => /^(dist|data)\//.test(f) || ['package.json', 'README.md', 'LICENSE', 'NOTICE', 'CHANGELOG.md'].includes(f)), files.join('\n')).toBe(true);
  });

  it('stays small: under 4 MB packed and 12 MB unpacked', () => {
    // Measured when this test was written: 2.1 MB packed, 9.6 MB unpacked (most of it the
    // hardware registries and the dataset). A jump past these bounds means something was shipped by mistake.
    expect(packed.size).toBeLessThan(4_000_000);
    expect(packed.unpackedSize).toBeLessThan(12_000_000);
  });

  it('npx wherefrom scan works on an example SBOM in an empty project', () => {
    const r = spawnSync('npx', ['--no-install', 'wherefrom', 'scan', 'sbom.cdx.json', '--deny-country', 'CN', '--as-of', '2026-11-28', '--format', 'json'], { cwd: project, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(1); // the example has components a deny-CN policy denies
    const report = JSON.parse(r.stdout) as { schema: string; summary: { components: number; attributed: number }; findings: unknown[] };
    expect(report.schema).toBe('wherefrom/report@1');
    expect(report.summary.components).toBe(18);
    expect(report.summary.attributed).toBe(17);
    expect(report.findings.length).toBeGreaterThan(0);
    const help = spawnSync('npx', ['--no-install', 'wherefrom', '--help'], { cwd: project, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('wherefrom scan <paths..>');
  });

  it('the library imports (ESM and CommonJS) from the installed package, and scan() runs', () => {
    const esm = execFileSync(process.execPath, ['--input-type=module', '-e', 'import { scan } from "wherefrom"; const r = await scan(["sbom.cdx.json"], { flags: { denyCountry: ["CN"] }, asOf: "2026-11-28" }); console.log(r.report.summary.components, r.report.findings.length > 0)'], { cwd: project, encoding: 'utf8' });
    expect(esm.trim()).toBe('18 true');
    const cjs = execFileSync(process.execPath, ['-e', 'const w = require("wherefrom"); w.scan(["sbom.cdx.json"]).then(r => console.log(typeof w.inventory, r.report.summary.components))'], { cwd: project, encoding: 'utf8' });
    expect(cjs.trim()).toBe('function 18');
  });
});

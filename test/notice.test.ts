/**
 * Legal hygiene: LICENSE is the Apache-2.0 text package.json declares, and NOTICE names every
 * file under data/ (with where it comes from), and nothing that is not there.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const notice = readFileSync(path.join(ROOT, 'NOTICE'), 'utf8');
const files = (readdirSync(path.join(ROOT, 'data'), { recursive: true }) as string[])
  .map((f) => `data/${String(f).split(path.sep).join('/')}`)
  .filter((f) => statSync(path.join(ROOT, f)).isFile());

describe('LICENSE and NOTICE', () => {
  it('LICENSE is the whole Apache License 2.0, as package.json says', () => {
    const text = readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
    expect(text).toMatch(/Apache License\s+Version 2\.0, January 2004/);
    expect(text).toContain('END OF TERMS AND CONDITIONS');
    expect(text.length).toBeGreaterThan(10_000);
    expect((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { license: string }).license).toBe('Apache-2.0');
  });

  it('NOTICE names every file under data/', () => {
    expect(files.length).toBeGreaterThan(30);
    expect(files.filter((f) => !notice.includes(`  ${f}\n`))).toEqual([]);
  });

  it('NOTICE names no data file that does not exist', () => {
    const named = [...notice.matchAll(/^ {2}(data\/\S+)$/gm)].map((m) => m[1]!);
    expect(named.filter((f) => !files.includes(f))).toEqual([]);
  });

  it('both are in the npm package, with the changelog', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    for (const f of ['LICENSE', 'NOTICE', 'CHANGELOG.md']) expect(pkg.files).toContain(f);
  });
});

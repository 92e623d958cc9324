/**
 * The API reference is generated from the TSDoc of the library's exports (`npm run docs`,
 * TypeDoc). Built here without writing anything: a public export without a doc comment, or a
 * broken {@link}, is a warning, and typedoc.json makes warnings errors, so the test fails.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

describe('the API reference', () => {
  it('builds from src/index.ts with every public export documented', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typedoc/bin/typedoc'), '--emit', 'none'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    const out = `${r.stdout}${r.stderr}`;
    expect(out).not.toMatch(/\[(warning|error)\]/);
    expect(r.status, out).toBe(0);
  }, 120_000);
});

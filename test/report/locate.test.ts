import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lineColumn } from '../../src/ingest/json.js';
import { locatePointer } from '../../src/policy/parse.js';
import { pointerLines } from '../../src/report/locate.js';

describe('pointerLines', () => {
  it('gives the line and column of each wanted value, in one pass', () => {
    const text = '{\n  "a": 1,\n  "components": [\n    {"name": "x", "n": [1, 2]},\n    {\n      "name": "y/z"\n    }\n  ],\n  "w~x": {"k": true}\n}';
    const got = pointerLines(text, new Set(['/components/1', '/components/0/n/1', '/w~0x/k', '/missing']));
    expect(Object.fromEntries(got)).toEqual({
      '/components/0/n/1': { line: 4, column: 28 },
      '/components/1': { line: 5, column: 5 },
      '/w~0x/k': { line: 9, column: 16 },
    });
  });

  it('agrees with a pointer-by-pointer walk on a real SBOM', () => {
    const text = readFileSync('fixtures/corpus/cyclonedx-bom-examples/SBOM__keycloak-10.0.2__bom.json', 'utf8');
    const deps = (JSON.parse(text) as { dependencies: { dependsOn?: string[] }[] }).dependencies;
    const withDeps = deps.findIndex((d) => (d.dependsOn?.length ?? 0) > 1);
    const wanted = ['/components/0', '/components/17', '/components/902', '/metadata/component', `/dependencies/${withDeps}/dependsOn/1`];
    expect(pointerLines(text, new Set(['/components/903'])).size).toBe(0); // 903 components: 0..902
    const got = pointerLines(text, new Set(wanted));
    for (const p of wanted) expect(got.get(p), p).toEqual(lineColumn(text, locatePointer(text, p)));
  });
});

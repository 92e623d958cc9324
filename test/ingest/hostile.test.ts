/**
 * Hostile text where wherefrom matches patterns: people strings and the heads of files sniffed in
 * a directory walk. Each input once made a regular expression backtrack exponentially or
 * quadratically; now each is read (or skipped) in linear time. The bound here is a hang guard,
 * not a speed target.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inventory } from '../../src/ingest/index.js';

const HANG_GUARD = { timeout: 15_000 };
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'wherefrom-hostile-'));
const spaces = ' '.repeat(60_000);

describe('hostile strings and heads', () => {
  it('an npm author of 60,000 spaces between a name and a stray parenthesis', HANG_GUARD, async () => {
    const dir = tmp();
    const evil = `Mallory${spaces}x)`;
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { dep: '1.0.0' } }));
    mkdirSync(path.join(dir, 'node_modules', 'dep'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules', 'dep', 'package.json'), JSON.stringify({ name: 'dep', version: '1.0.0', author: evil }));
    const inv = await inventory([path.join(dir, 'package.json')]);
    expect(inv.errors).toEqual([]);
    expect(inv.components[0]!.parties[0]).toMatchObject({ role: 'author', name: `Mallory${spaces}x)`.trim() });
  });

  it('npm people strings are read as npm reads them: name, <email>, (url)', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { dep: '1.0.0' } }));
    mkdirSync(path.join(dir, 'node_modules', 'dep'), { recursive: true });
    writeFileSync(
      path.join(dir, 'node_modules', 'dep', 'package.json'),
      JSON.stringify({ name: 'dep', version: '1.0.0', author: 'Barney Rubble <b@rubble.com> (http://barnyrubble.tumblr.com/)' }),
    );
    const inv = await inventory([path.join(dir, 'package.json')]);
    expect(inv.components[0]!.parties[0]).toMatchObject({
      name: 'Barney Rubble',
      email: 'b@rubble.com',
      urls: ['http://barnyrubble.tumblr.com/'],
    });
  });

  it('a CycloneDX author of 60,000 spaces and an unclosed <', HANG_GUARD, async () => {
    const doc = { bomFormat: 'CycloneDX', specVersion: '1.4', components: [{ name: 'x', author: `a${spaces}<`, publisher: 'Jane Doe <jane@example.com>' }] };
    const inv = await inventory([{ file: 'evil.json', content: JSON.stringify(doc) }]);
    const [author, publisher] = inv.components[0]!.parties;
    expect(author).toMatchObject({ role: 'author', name: `a${spaces}<` });
    expect(publisher).toMatchObject({ role: 'publisher', name: 'Jane Doe', email: 'jane@example.com' });
  });

  it('a directory file whose head is 64 KiB of "<bom " (no root tag ends) is skipped', HANG_GUARD, async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'evil.xml'), '<bom '.repeat(14_000));
    writeFileSync(path.join(dir, 'blank.spdx'), '\n'.repeat(70_000));
    const inv = await inventory([dir]);
    expect(inv.sources).toEqual([]);
    expect(inv.errors).toEqual([]);
  });

  it('a real CycloneDX XML behind a long prolog (comments, processing instructions) is still recognised', async () => {
    const dir = tmp();
    const xml = `<?xml version="1.0"?>\n<!-- ${'> '.repeat(2000)} -->\n<?pi x?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1"><components><component type="library"><name>z</name></component></components></bom>`;
    writeFileSync(path.join(dir, 'with-prolog'), xml);
    const inv = await inventory([dir]);
    expect(inv.components.map((c) => c.name)).toEqual(['z']);
  });
});

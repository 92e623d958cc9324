#!/usr/bin/env node
// Compiles data/ (organisations, restricted lists, platforms) into one compact file shipped with
// the package: dist/dataset.json. The library builds its lookup tables from it at load time.
// Validation against the schemas is `wherefrom data validate` (run in the tests).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const data = path.join(root, 'data');
const out = { organisations: [], platforms: [], lists: [] };
const files = (sub) =>
  existsSync(path.join(data, sub)) ? readdirSync(path.join(data, sub)).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(data, sub, f)) : [];
for (const f of files('orgs')) out.organisations.push(...JSON.parse(readFileSync(f, 'utf8')).organisations);
for (const f of files('lists')) {
  const { $schema, ...list } = JSON.parse(readFileSync(f, 'utf8'));
  out.lists.push(list);
}
const platforms = path.join(data, 'platforms.json');
if (existsSync(platforms)) out.platforms.push(...JSON.parse(readFileSync(platforms, 'utf8')).platforms);
mkdirSync(path.join(root, 'dist'), { recursive: true });
writeFileSync(path.join(root, 'dist', 'dataset.json'), JSON.stringify(out));
console.log(`dataset: ${out.organisations.length} organisations, ${out.lists.length} lists, ${out.platforms.length} platforms → dist/dataset.json`);

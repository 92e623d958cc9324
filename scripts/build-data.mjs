#!/usr/bin/env node
// Compiles data/ (organisations, restricted lists, platforms) into one file shipped with the
// package, dist/dataset.json, with the normalised lookup keys of every name and identifier
// computed now (by the library just built), so that loading it only fills hash maps.
// Validation against the schemas is `wherefrom data validate` (run in the tests).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Dataset, readDataDir } from '../dist/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const raw = readDataDir(path.join(root, 'data'));
new Dataset(raw); // fails the build on an inconsistent dataset (unknown parent, cycle, unknown list member)
const out = { ...raw, keys: Dataset.compileKeys(raw) };
mkdirSync(path.join(root, 'dist'), { recursive: true });
writeFileSync(path.join(root, 'dist', 'dataset.json'), JSON.stringify(out));
console.log(`dataset: ${raw.organisations.length} organisations, ${raw.lists.length} lists, ${raw.platforms.length} platforms → dist/dataset.json`);

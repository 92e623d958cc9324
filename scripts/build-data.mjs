#!/usr/bin/env node
// Compiles data/ (organisations, restricted lists, platforms) into the files shipped with the
// package: dist/dataset.json holds the records' essentials and the lookup tables, computed now by
// the library just built, so that loading it only fills hash maps; dist/dataset-details.json
// holds the aliases, identifiers, sources, notes and normalised name keys, which only `lookup`
// and overlays need (see src/dataset/load.ts). Validation against the schemas is `wherefrom data validate` (run in the tests).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Dataset, readDataDir, splitDetails } from '../dist/internal.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const raw = readDataDir(path.join(root, 'data'));
// Fails the build on an inconsistent dataset (unknown parent, cycle, unknown list member).
const index = new Dataset(raw).compile();
const { slim, details } = splitDetails(raw);
mkdirSync(path.join(root, 'dist'), { recursive: true });
writeFileSync(path.join(root, 'dist', 'dataset.json'), JSON.stringify({ ...slim, index }));
writeFileSync(path.join(root, 'dist', 'dataset-details.json'), JSON.stringify(details));
console.log(`dataset: ${raw.organisations.length} organisations, ${raw.lists.length} lists, ${raw.platforms.length} platforms → dist/dataset.json, dist/dataset-details.json`);

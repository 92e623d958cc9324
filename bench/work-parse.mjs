// Baseline: a plain read of the file and JSON.parse, the least any SBOM tool must do.
// Prints {ms, maxRssKb} as JSON. Used by bench/run.mjs.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const t0 = performance.now();
const doc = JSON.parse(readFileSync(file, 'utf8'));
const ms = performance.now() - t0;
if (!Array.isArray(doc.components)) throw new Error('no components');
console.log(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, count: doc.components.length }));

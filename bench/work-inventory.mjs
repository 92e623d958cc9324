// wherefrom: inventory() of the same file through the built library (dist/).
// Prints {ms, maxRssKb, count} as JSON. Used by bench/run.mjs.
import { inventory } from '../dist/index.js';

const file = process.argv[2];
const t0 = performance.now();
const inv = await inventory([file]);
const ms = performance.now() - t0;
if (inv.errors.length) throw new Error(JSON.stringify(inv.errors));
console.log(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, count: inv.components.length }));

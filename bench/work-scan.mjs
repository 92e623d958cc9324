// wherefrom: inventory() then attribute() of the same file, timed apart in one process, plus the
// time to load the dataset and build its lookup tables. Prints JSON. Used by bench/run.mjs.
import { attribute, inventory, loadDataset } from '../dist/index.js';

const file = process.argv[2];
const t0 = performance.now();
const dataset = loadDataset();
const t1 = performance.now();
const inv = await inventory([file]);
const t2 = performance.now();
const attributions = attribute(inv, dataset, { asOf: '2026-01-01' });
const t3 = performance.now();
const attributed = attributions.filter((a) => a !== null).length;
console.log(
  JSON.stringify({
    loadMs: t1 - t0,
    inventoryMs: t2 - t1,
    attributeMs: t3 - t2,
    organisations: dataset.organisations.size,
    components: inv.components.length,
    attributed,
    maxRssKb: process.resourceUsage().maxRSS,
  }),
);

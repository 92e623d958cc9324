// One measured step of the asset-list benchmark, in a fresh process (used by bench/run.mjs):
// `baseline FILE` reads the file and splits it into lines and fields naively (what any import
// costs at least); `scan FILE` is wherefrom's whole scan: inventory, attribution, a policy
// (deny CN) and the JSON report. Prints JSON with the wall time and peak RSS.
import { readFileSync } from 'node:fs';

const [mode, file] = process.argv.slice(2);
const t0 = performance.now();
let rows = 0;
let attributed = 0;
if (mode === 'baseline') {
  for (const line of readFileSync(file, 'utf8').split('\n')) if (line.split(',').length > 1) rows++;
} else {
  const { attribute, evaluate, inventory, loadDataset, policyFromFlags, renderScanJson, scanReport } = await import('../dist/internal.js');
  const dataset = loadDataset();
  const inv = await inventory([file]);
  const attributions = attribute(inv, dataset, { asOf: '2026-01-01' });
  const evaluation = evaluate(inv, attributions, [policyFromFlags({ denyCountry: ['CN'] }, dataset)], { asOf: '2026-01-01' });
  renderScanJson(scanReport(inv, attributions, evaluation, '2026-01-01'));
  rows = inv.components.length;
  attributed = attributions.filter((a) => a !== null).length;
  if (inv.errors.length > 0) throw new Error(inv.errors[0].message);
}
console.log(JSON.stringify({ ms: performance.now() - t0, rows, attributed, maxRssKb: process.resourceUsage().maxRSS }));

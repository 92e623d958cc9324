#!/usr/bin/env node
// Attribution coverage of the real corpus: for every file, how many components are attributed to
// an organisation, how many to community work, how many stay unknown; and the top controllers.
// usage: node scripts/coverage.mjs [dir]   (default fixtures/corpus; needs `npm run build`)
// For the corpus it also rewrites docs/attribution-audit.md (what `wherefrom data audit fixtures/corpus fixtures/npm-trees` prints).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import { attribute, auditAttributions, individualMaintainers, inventory, isLayer, loadDataset, renderAudit } from '../dist/internal.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.argv[2] ?? path.join(root, 'fixtures/corpus');
const dataset = loadDataset({ details: true });
const inv = await inventory([path.relative(process.cwd(), dir) || '.']);
const attributions = attribute(inv, dataset, { asOf: '2026-11-28' });
const perFile = new Map();
inv.components.forEach((c, i) => {
  const file = inv.sources[c.source].file;
  let f = perFile.get(file);
  if (!f) perFile.set(file, (f = { components: 0, org: 0, community: 0, unknown: 0, individual: 0, layers: 0, controllers: new Map() }));
  f.components++;
  const a = attributions[i];
  if (!a && isLayer(c)) f.layers++;
  else if (!a) {
    f.unknown++;
    if (individualMaintainers(c)) f.individual++;
  } else if (a.community) f.community++;
  else {
    f.org++;
    f.controllers.set(a.controller.id, (f.controllers.get(a.controller.id) ?? 0) + 1);
  }
});
const pct = (n, d) => (d ? `${Math.round((100 * n) / d)} %` : '–');
console.log(`| file | components | organisation | community | unknown (individual maintainers) | image layers | top controllers |`);
console.log(`|---|---|---|---|---|---|---|`);
for (const [file, f] of [...perFile].sort((a, b) => b[1].components - a[1].components)) {
  const top = [...f.controllers].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([id, n]) => `${id} ${n}`).join(', ');
  console.log(`| ${path.relative(dir, file)} | ${f.components} | ${f.org} (${pct(f.org, f.components)}) | ${f.community} | ${f.unknown} (${f.individual}) | ${f.layers} | ${top} |`);
}
const total = [...perFile.values()].reduce((t, f) => ({ c: t.c + f.components, o: t.o + f.org, m: t.m + f.community, u: t.u + f.unknown, i: t.i + f.individual, l: t.l + f.layers }), { c: 0, o: 0, m: 0, u: 0, i: 0, l: 0 });
console.log(
  `\n${total.o} of ${total.c} components (${pct(total.o, total.c)}) attributed to an organisation, ${total.m} (${pct(total.m, total.c)}) to community projects; ${total.u} unknown (${total.i} of them declare only individual maintainers), ${total.l} image layers; dataset of ${dataset.organisations.size} organisations.`,
);

if (process.argv[2] === undefined) {
  // The audit reads the corpus and the installed npm trees (fixtures/npm-trees, scripts/install-trees.mjs).
  const trees = await inventory(['fixtures/npm-trees'], { cwd: root });
  const both = { ...inv, components: [...inv.components, ...trees.components] };
  const audit = path.join(root, 'docs/attribution-audit.md');
  writeFileSync(audit, renderAudit(auditAttributions(both, [...attributions, ...attribute(trees, dataset, { asOf: '2026-11-28' })], dataset), 'fixtures/corpus, fixtures/npm-trees'));
  console.log(`\n${path.relative(process.cwd(), audit)} rewritten.`);
}

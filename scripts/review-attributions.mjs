#!/usr/bin/env node
// For reviewing attributions: groups every attributed component of a directory (default
// fixtures/corpus) by (controller, country, winning evidence rule), largest first, with an example
// component, the confidence and how many carry conflicting evidence. Read each group and ask:
// does this rule really mean this organisation? (needs `npm run build`)
// usage: node scripts/review-attributions.mjs [dir]
import { attribute, inventory, loadDataset } from '../dist/index.js';
const dir = process.argv[2] ?? 'fixtures/corpus';
const ds = loadDataset();
const inv = await inventory([dir]);
const at = attribute(inv, ds, { asOf: '2026-11-28' });
const byRule = new Map();
inv.components.forEach((c, i) => {
  const a = at[i]; if (!a) return;
  const e = a.evidence[0];
  const k = `${a.controller.id} ${a.country} ← ${e.field} ${e.rule}`;
  const r = byRule.get(k) ?? { n: 0, ex: `${c.name}@${c.version ?? ''}`, conf: a.confidence, conflicts: 0 };
  r.n++; if (a.conflicts.length) r.conflicts++;
  byRule.set(k, r);
});
for (const [k, r] of [...byRule].sort((a, b) => b[1].n - a[1].n)) console.log(String(r.n).padStart(5), k, '| e.g.', r.ex, '|', r.conf, r.conflicts ? `conflicts ${r.conflicts}` : '');

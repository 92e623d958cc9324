#!/usr/bin/env node
// Where curation pays: the namespaces of the components nothing attributes, ranked by how many
// components each carries — npm scopes and packages, Maven groupId prefixes, Go module owners,
// PyPI name prefixes, the code-hosting owners of repository URLs, e-mail and homepage domains.
// Image layers are left out; a component counts once per namespace kind. The next curation
// starts from the top of this list (needs `npm run build`).
// usage: node scripts/rank-unknowns.mjs [--top N] [PATH...]   (default: fixtures/corpus fixtures/npm-trees)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { attribute, inventory, isLayer, loadDataset, registrableDomain } from '../dist/internal.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '60' } } });
const inputs = positionals.length > 0 ? positionals : ['fixtures/corpus', 'fixtures/npm-trees'];
const inv = await inventory(inputs, { cwd: root });
const at = attribute(inv, loadDataset(), { asOf: '2026-11-28' });

/** The namespaces of one component, as `kind key`. */
function namespaces(c) {
  const out = new Set();
  const p = c.purlParts;
  if (p?.type === 'npm') out.add(p.namespace ? `npm-scope ${p.namespace}` : `npm-package ${p.name}`);
  if (p?.type === 'maven' && p.namespace) out.add(`maven-group ${p.namespace.split('.').slice(0, 3).join('.')}`);
  if (p?.type === 'golang') {
    const [host, owner] = (p.namespace ?? p.name).split('/');
    out.add(`go-owner ${owner ? `${host}/${owner}` : host}`);
  }
  if (p?.type === 'pypi') out.add(`pypi-prefix ${p.name.split(/[-_.]/)[0]}`);
  for (const r of c.externalReferences) {
    if (r.type !== 'vcs' && r.type !== 'website') continue;
    const m = /^(?:git\+)?(?:[a-z+]+:)?\/\/(?:[^@/]*@)?(github\.com|gitlab\.com|bitbucket\.org)[/:]([^/?#]+)/i.exec(r.url);
    if (m) out.add(`repository-owner ${m[1].toLowerCase()}/${m[2]}`);
    else {
      const host = /^(?:[a-z+]+:)?\/\/([^/:?#]+)/i.exec(r.url.replace(/^git\+/, ''))?.[1];
      const d = host ? registrableDomain(host.toLowerCase()) : undefined;
      if (d) out.add(`homepage-domain ${d}`);
    }
  }
  for (const party of c.parties) {
    const d = party.email?.includes('@') ? registrableDomain(party.email.split('@').pop().toLowerCase()) : undefined;
    if (d) out.add(`email-domain ${d}`);
  }
  return out;
}

const rank = new Map();
let unknown = 0;
inv.components.forEach((c, i) => {
  if (at[i] || isLayer(c)) return;
  unknown++;
  for (const k of namespaces(c)) {
    let r = rank.get(k);
    if (!r) rank.set(k, (r = { n: 0, ex: [] }));
    r.n++;
    if (r.ex.length < 3) r.ex.push(c.version !== undefined ? `${c.name}@${c.version}` : c.name);
  }
});
const top = [...rank].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1)).slice(0, Number(values.top));
console.log(`${unknown} unknown components in ${inputs.join(', ')}; their namespaces, most components first:\n`);
console.log('| namespace | kind | components | examples |');
console.log('|---|---|---|---|');
for (const [k, r] of top) {
  const [kind, key] = [k.slice(0, k.indexOf(' ')), k.slice(k.indexOf(' ') + 1)];
  console.log(`| ${key} | ${kind} | ${r.n} | ${r.ex.join(', ')} |`);
}

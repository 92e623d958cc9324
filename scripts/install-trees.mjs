#!/usr/bin/env node
// Real npm dependency trees for the attribution audit and the curation ranking: installs each
// application or SDK of TREES from the npm registry (`--ignore-scripts`, into scratch/trees/, which
// git ignores), reads the installed tree with wherefrom's own npm reader, and writes it as a small
// CycloneDX 1.6 JSON to fixtures/npm-trees/NAME.cdx.json (name, version, purl, authors, repository
// and homepage of every installed package: what attribution reads), so the tests and the audit
// run on a fresh clone without the registry. Network at development time only; never at run time.
// usage: node scripts/install-trees.mjs [NAME...]   (needs `npm run build`; default: every tree)
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inventory } from '../dist/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The trees: an application or SDK family each, of publishers from different economies. */
export const TREES = [
  ['aws-sdk-s3', '@aws-sdk/client-s3', 'US: Amazon Web Services SDK'],
  ['azure-storage-blob', '@azure/storage-blob', 'US: Microsoft Azure SDK'],
  ['google-cloud-storage', '@google-cloud/storage', 'US: Google Cloud SDK'],
  ['firebase', 'firebase', 'US: Google Firebase'],
  ['stripe', 'stripe', 'US/IE: Stripe'],
  ['ali-oss', 'ali-oss', 'CN: Alibaba Cloud OSS SDK'],
  ['antd', 'antd', 'CN: Ant Group, Ant Design'],
  ['antv-g2', '@antv/g2', 'CN: Ant Group, AntV'],
  ['arco-design', '@arco-design/web-react', 'CN: ByteDance, Arco Design'],
  ['tencent-cos', 'cos-nodejs-sdk-v5', 'CN: Tencent Cloud COS SDK'],
  ['echarts', 'echarts', 'Apache ECharts (from Baidu)'],
  ['sap-cds', '@sap/cds', 'DE: SAP Cloud Application Programming Model'],
  ['contentful', 'contentful', 'DE: Contentful'],
  ['line-bot-sdk', '@line/bot-sdk', 'JP: LY Corporation, LINE Messaging API SDK'],
  ['shopify-polaris', '@shopify/polaris', 'CA: Shopify, Polaris'],
  ['razorpay', 'razorpay', 'IN: Razorpay'],
  ['toss-utils', '@toss/utils', 'KR: Viva Republica (Toss)'],
  ['line-liff', '@line/liff', 'JP: LY Corporation, LIFF'],
];

const only = process.argv.slice(2);
const outDir = path.join(root, 'fixtures/npm-trees');
mkdirSync(outDir, { recursive: true });

/** A package of the installed tree as CycloneDX: what attribution reads, nothing else. */
function component(c) {
  const out = { type: 'library', 'bom-ref': c.ref, name: c.name };
  if (c.group) out.group = c.group;
  if (c.version !== undefined) out.version = c.version;
  if (c.purl) out.purl = c.purl;
  const people = c.parties.filter((p) => p.kind === 'person' && (p.name !== undefined || p.email !== undefined));
  if (people.length > 0) out.authors = people.map((p) => ({ ...(p.name !== undefined ? { name: p.name } : {}), ...(p.email !== undefined ? { email: p.email } : {}) }));
  const named = c.parties.find((p) => p.kind !== 'person' && p.role === 'author' && p.name !== undefined);
  if (named) out.author = named.name;
  const refs = c.externalReferences.filter((r) => r.type === 'vcs' || r.type === 'website').map((r) => ({ type: r.type, url: r.url }));
  if (refs.length > 0) out.externalReferences = refs;
  return out;
}

for (const [name, spec, what] of TREES) {
  if (only.length > 0 && !only.includes(name)) continue;
  const dir = path.join(root, 'scratch/trees', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: `tree-${name}`, version: '0.0.0', private: true }, null, 2)}\n`);
  process.stderr.write(`${name}: npm install ${spec}\n`);
  try {
    execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--omit=peer', '--save-exact', '--loglevel=error', spec], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  } catch {
    // A tree the registry cannot resolve here is left out (said, never faked).
    process.stderr.write(`${name}: npm install failed; left out\n`);
    continue;
  }
  const inv = await inventory([path.join(dir, 'package.json')]);
  const top = inv.components.find((c) => (c.group ? `${c.group}/${c.name}` : c.name) === spec && c.path?.length === 1) ?? inv.components.find((c) => (c.group ? `${c.group}/${c.name}` : c.name) === spec);
  const components = inv.components.map(component).sort((a, b) => (a['bom-ref'] < b['bom-ref'] ? -1 : 1));
  const bom = {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    metadata: {
      component: { type: 'application', name: `tree-${name}`, version: '0.0.0', description: `npm install ${spec}@${top?.version ?? '?'} (${what}), read by scripts/install-trees.mjs` },
      properties: [{ name: 'wherefrom:source', value: `the npm registry, npm install --ignore-scripts ${spec}@${top?.version ?? '?'}` }],
    },
    components,
  };
  writeFileSync(path.join(outDir, `${name}.cdx.json`), `${JSON.stringify(bom, null, 1)}\n`);
  process.stderr.write(`${name}: ${components.length} packages\n`);
}

#!/usr/bin/env node
// Validates data/ against its JSON Schemas and checks what a schema cannot: unique ids across
// files, parents that exist, no parent cycles, list entries naming known organisations.
// usage: node scripts/validate-data.mjs [files...]   (all of data/ when none given)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../data');
const schema = (n) => JSON.parse(readFileSync(path.join(root, 'schema', n), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
ajv.addSchema(schema('organisations.schema.json'), 'organisations.schema.json');
const validateOrgs = ajv.getSchema('organisations.schema.json');
const validateList = ajv.compile(schema('list.schema.json'));
const validatePlatforms = ajv.compile(schema('platforms.schema.json'));

const problems = [];
const orgs = new Map();
const listFiles = [];
const read = (f) => {
  try {
    return JSON.parse(readFileSync(f, 'utf8'));
  } catch (e) {
    problems.push(`${f}: ${e.message}`);
    return undefined;
  }
};
const report = (f, errors) => {
  for (const e of errors ?? []) problems.push(`${path.relative(root, f)}${e.instancePath}: ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
};

const dir = (d) => readdirSync(path.join(root, d)).filter((f) => f.endsWith('.json')).map((f) => path.join(root, d, f)).sort();
for (const f of dir('orgs')) {
  const doc = read(f);
  if (!doc) continue;
  if (!validateOrgs(doc)) report(f, validateOrgs.errors);
  for (const [i, o] of (doc.organisations ?? []).entries()) {
    if (orgs.has(o.id)) problems.push(`${path.relative(root, f)}/organisations/${i}: id ${o.id} also in ${orgs.get(o.id).file}`);
    else orgs.set(o.id, { ...o, file: path.relative(root, f) });
  }
}
for (const f of dir('lists')) {
  const doc = read(f);
  if (!doc) continue;
  if (!validateList(doc)) report(f, validateList.errors);
  listFiles.push([f, doc]);
}
try {
  const p = read(path.join(root, 'platforms.json'));
  if (p && !validatePlatforms(p)) report(path.join(root, 'platforms.json'), validatePlatforms.errors);
} catch {}

for (const [id, o] of orgs) {
  if (o.parent && !orgs.has(o.parent)) problems.push(`${o.file}: ${id} has parent ${o.parent}, which no file defines`);
  const seen = new Set([id]);
  for (let p = o.parent; p; p = orgs.get(p)?.parent) {
    if (seen.has(p)) {
      problems.push(`${o.file}: ${id}: parent cycle through ${p}`);
      break;
    }
    seen.add(p);
  }
}
for (const [f, doc] of listFiles) {
  for (const [i, e] of (doc.entries ?? []).entries()) {
    if (e.org && !orgs.has(e.org)) problems.push(`${path.relative(root, f)}/entries/${i}: org ${e.org} is not defined in data/orgs`);
  }
}

const countries = new Set([...orgs.values()].map((o) => o.country));
const confirmed = [...orgs.values()].filter((o) => o.sources.some((s) => s.established === 'confirmed')).length;
console.log(`${orgs.size} organisations in ${countries.size} countries (${confirmed} with a confirmed source), ${listFiles.length} lists`);
for (const p of problems) console.log(`problem: ${p}`);
process.exitCode = problems.length ? 1 : 0;

/**
 * The substitution catalog (data/catalog/*.json, schema data/schema/catalog.schema.json):
 * capability categories and the products in each, with the organisation that makes each product
 * (so its origin comes from the dataset, never from the catalog), licence, maturity,
 * compatibility tags and the identifiers that find a component's product and category. Users
 * add their own products with `--catalog FILE` in the same format.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import catalogSchema from '../../data/schema/catalog.schema.json' with { type: 'json' };
import { ajv2020 } from '../ajv.js';
import { DatasetError, InputError } from '../errors.js';
import type { Dataset } from '../dataset/index.js';
import { dataDir, readJson } from '../dataset/load.js';
import { normalizeName } from '../dataset/names.js';
import { lineColumn, parseJson } from '../ingest/json.js';
import { isObject } from '../ingest/normalize.js';
import { locatePointer } from '../policy/parse.js';
import type { Component } from '../model.js';

/**
 * A capability category of the substitution catalog, and the identifiers that place a component in it.
 */
export interface Category {
  id: string;
  name: string;
  kind: 'software' | 'hardware' | 'service';
  description: string;
  /** Device functions (cdx:device:function, PCI class) that place a device in it. */
  functions?: string[];
}

/**
 * A product of the catalog: its organisation, licence, maturity and compatibility tags.
 */
export interface Product {
  id: string;
  name: string;
  category: string;
  also?: string[];
  org: string;
  /** An SPDX expression, or `proprietary`. */
  license: string;
  maturity: 'mature' | 'established' | 'emerging';
  tags: string[];
  identifiers?: { purls?: string[]; cpes?: string[]; names?: string[]; models?: string[] };
  url?: string;
  sources: { url: string; established: 'confirmed' | 'knowledge'; checked?: string; document?: string }[];
  notes?: string;
}

/**
 * A catalog file (data/catalog/*.json, or `--catalog`).
 */
export interface CatalogFile {
  categories?: Category[];
  products?: Product[];
}

/** How a component was placed in a category. */
export interface CategoryMatch {
  category: Category;
  /** The catalog's product the component is, when it is one. */
  product?: Product;
  /** What matched: `purl pkg:npm/react`, `model CloudEngine`, `function network controller`... */
  by: string;
}

/** The compiled catalog: lookups by purl, CPE, name, model prefix and device function. */
export class Catalog {
  readonly categories = new Map<string, Category>();
  readonly products = new Map<string, Product>();
  /** Products per category (the category's own and those that name it in `also`). */
  readonly inCategory = new Map<string, Product[]>();
  private readonly purls = new Map<string, Product>();
  private readonly purlPrefixes: [string, Product][] = [];
  private readonly cpes = new Map<string, Product>();
  private readonly names = new Map<string, Product>();
  private readonly models: [string, Product][] = [];
  private readonly functions = new Map<string, Category>();

  /**
   * @param files the catalog files, built-in first; a later product or category with the same id replaces an earlier one
   * @throws DatasetError when a product names a category or (with a dataset) an organisation nobody defines
   */
  constructor(files: CatalogFile[], dataset?: Dataset) {
    for (const f of files) {
      for (const c of f.categories ?? []) this.categories.set(c.id, c);
      for (const p of f.products ?? []) this.products.set(p.id, p);
    }
    for (const p of this.products.values()) {
      if (!this.categories.has(p.category)) throw new DatasetError(`catalog product ${p.id}: no category "${p.category}"`);
      if (dataset && !dataset.organisations.has(p.org)) throw new DatasetError(`catalog product ${p.id}: no organisation "${p.org}" in the dataset`);
      for (const c of [p.category, ...(p.also ?? [])]) {
        if (!this.categories.has(c)) throw new DatasetError(`catalog product ${p.id}: no category "${c}"`);
        const list = this.inCategory.get(c) ?? [];
        list.push(p);
        this.inCategory.set(c, list);
      }
      const ids = p.identifiers ?? {};
      for (const purl of ids.purls ?? []) {
        const key = purlKey(purl);
        if (key.endsWith('*')) this.purlPrefixes.push([key.slice(0, -1), p]);
        else this.purls.set(key, p);
      }
      for (const cpe of ids.cpes ?? []) this.cpes.set(cpe.toLowerCase(), p);
      for (const n of [p.name, ...(ids.names ?? [])]) {
        const k = normalizeName(n);
        if (k !== '' && !this.names.has(k)) this.names.set(k, p);
      }
      for (const m of ids.models ?? []) this.models.push([m.toLowerCase(), p]);
    }
    // Longest prefix first.
    this.purlPrefixes.sort((a, b) => b[0].length - a[0].length);
    this.models.sort((a, b) => b[0].length - a[0].length);
    for (const c of this.categories.values()) for (const fn of c.functions ?? []) this.functions.set(fn.toLowerCase(), c);
  }

  /** The product and category of a component, from its purl, CPE, name, model or device function. */
  match(c: Component): CategoryMatch | undefined {
    const product = (p: Product | undefined, by: string): CategoryMatch | undefined =>
      p ? { category: this.categories.get(p.category)!, product: p, by } : undefined;
    if (c.purl) {
      const key = purlKey(c.purl);
      const exact = this.purls.get(key);
      if (exact) return product(exact, `purl ${key}`);
      const prefix = this.purlPrefixes.find(([k]) => key.startsWith(k));
      if (prefix) return product(prefix[1], `purl ${prefix[0]}*`);
    }
    for (const cpe of c.cpes) {
      const m = /^cpe:2\.3:[aho*-]:([^:]*):([^:]*)/i.exec(cpe) ?? /^cpe:\/[aho]?:([^:]*):([^:]*)/i.exec(cpe);
      const p = m ? this.cpes.get(`${m[1]}:${m[2]}`.toLowerCase()) : undefined;
      if (p) return product(p, `cpe ${m![1]}:${m![2]}`);
    }
    for (const text of [c.hardware?.model, c.name]) {
      if (!text) continue;
      const lower = text.toLowerCase();
      const model = this.models.find(([k]) => lower.startsWith(k));
      if (model) return product(model[1], `model ${model[0]}`);
    }
    // Names for what is not a package (a library's name is its purl's business: `react` is not
    // `react-router`): whole, or a product name the component's name starts with, word for word
    // ("Kaspersky Endpoint Security" for "Kaspersky Endpoint Security for Linux").
    if (c.type !== 'library' && c.type !== 'framework' && c.type !== 'file') {
      const key = normalizeName(c.name);
      const byName = this.names.get(key);
      if (byName) return product(byName, `name ${c.name}`);
      const words = key.split(' ');
      for (let n = words.length - 1; n >= 2; n--) {
        const hit = this.names.get(words.slice(0, n).join(' '));
        if (hit) return product(hit, `name ${words.slice(0, n).join(' ')}`);
      }
    }
    const fn = c.properties.find((p) => p.name === 'cdx:device:function')?.value.toLowerCase();
    const byFunction = fn !== undefined ? this.functions.get(fn) : undefined;
    if (byFunction) return { category: byFunction, by: `function ${fn}` };
    const builtin = c.type === 'operating-system' ? 'operating-system' : c.hardware?.cpu ? 'cpu' : c.type === 'firmware' && /\b(?:bios|uefi)\b/i.test(c.name) ? 'bios-uefi-firmware' : undefined;
    if (builtin && this.categories.has(builtin)) return { category: this.categories.get(builtin)!, by: `type ${c.type}` };
    return undefined;
  }
}

/** A purl without version, qualifiers and subpath, lower-cased: `pkg:npm/%40scope/name`. */
export function purlKey(purl: string): string {
  return purl.replace(/[?#].*$/, '').replace(/@[^/@]*$/, '').toLowerCase();
}

/** The built-in catalog files (data/catalog/*.json), in name order. */
export function catalogFiles(): string[] {
  const dir = path.join(dataDir(), 'catalog');
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => path.join(dir, f))
    : [];
}

/**
 * Reads catalog files: the built-in ones, then the user's (`--catalog`), which win.
 * @throws DatasetError for an unreadable or malformed file, a product with no category, an unknown organisation
 */
export function loadCatalog(dataset?: Dataset, extra: string[] = []): Catalog {
  const read: [string, unknown][] = [...catalogFiles().map((file): [string, unknown] => [file, readJson(file)]), ...extra.map((file): [string, unknown] => [file, readUserCatalog(file)])];
  const files = read.map(([file, doc]) => {
    if (!isCatalogDoc(doc)) throw new DatasetError(`${file}: not a wherefrom catalog file (expected "categories" and/or "products")`);
    return doc;
  });
  return new Catalog(files, dataset);
}

let checkCatalog: ReturnType<InstanceType<ReturnType<typeof ajv2020>>['compile']> | undefined;

/**
 * A user's catalog file (`--catalog`), checked against the catalog schema before it is used: the
 * Catalog trusts the shape of what it is given (a `null` product, a string of `functions`), and a
 * user's file is input. The built-in files are checked by `data validate` and the tests.
 * @throws DatasetError naming file:line:column and the JSON pointer of the first problem
 */
function readUserCatalog(file: string): unknown {
  let text: string;
  let doc: unknown;
  try {
    text = readFileSync(file, 'utf8');
    doc = parseJson(text, file);
  } catch (e) {
    throw new DatasetError(e instanceof InputError ? e.message : `${file}: cannot read: ${(e as Error).message}`);
  }
  if (!isCatalogDoc(doc)) return doc;
  checkCatalog ??= new (ajv2020())({ allErrors: false, strict: true }).compile(catalogSchema);
  if (!checkCatalog(doc)) {
    const e = checkCatalog.errors![0]!;
    const extraKey = e.keyword === 'additionalProperties' ? (e.params as { additionalProperty: string }).additionalProperty : undefined;
    const pointer = extraKey === undefined ? e.instancePath : `${e.instancePath}/${extraKey.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const { line, column } = lineColumn(text, locatePointer(text, pointer));
    const what = extraKey === undefined ? (e.message ?? 'is invalid') : `unknown key ${JSON.stringify(extraKey)}`;
    throw new DatasetError(`${file}:${line}:${column} (#${pointer || '/'}): ${what} (see data/schema/catalog.schema.json)`);
  }
  return doc;
}

/** Whether a JSON document is a catalog file (it has categories or products). */
export function isCatalogDoc(doc: unknown): doc is CatalogFile {
  return isObject(doc) && (Array.isArray(doc.categories) || Array.isArray(doc.products));
}

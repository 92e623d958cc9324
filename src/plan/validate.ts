/**
 * Validation of catalog files (data/catalog, or a user's `--catalog`): each against
 * data/schema/catalog.schema.json, then what a schema cannot say: ids unique across files,
 * categories that exist, organisations the dataset knows. And the catalog's coverage, for
 * data/README.md.
 */
import catalogSchema from '../../data/schema/catalog.schema.json' with { type: 'json' };
import { ajv2020 } from '../ajv.js';
import type { Dataset } from '../dataset/index.js';
import { type DataProblem, readDataJson, schemaProblems, type ValidationReport } from '../dataset/validate.js';
import { DatasetError } from '../errors.js';
import { Catalog, type CatalogFile } from './catalog.js';

/**
 * Checks catalog files: their schema, unique ids, and categories and organisations that exist.
 * @returns the problems found (none: valid)
 */
export function validateCatalogFiles(files: readonly string[], dataset: Dataset): ValidationReport {
  const ajv = new (ajv2020())({ allErrors: true, strict: true });
  const check = ajv.compile(catalogSchema);
  const problems: DataProblem[] = [];
  const docs: CatalogFile[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const doc = readDataJson(file, problems);
    if (doc === undefined) continue;
    if (!check(doc)) {
      schemaProblems(file, check.errors, problems);
      continue;
    }
    const c = doc as CatalogFile;
    for (const [kind, list] of [['categories', c.categories ?? []], ['products', c.products ?? []]] as const) {
      list.forEach((x, i) => {
        const key = `${kind}:${x.id}`;
        const prior = seen.get(key);
        if (prior !== undefined) problems.push({ file, pointer: `/${kind}/${i}/id`, message: `${kind === 'categories' ? 'category' : 'product'} id ${x.id} is also defined in ${prior}` });
        else seen.set(key, file);
      });
    }
    docs.push(c);
  }
  if (problems.length === 0) {
    try {
      new Catalog(docs, dataset);
    } catch (e) {
      if (!(e instanceof DatasetError)) throw e;
      problems.push({ file: '(catalog)', pointer: '', message: e.message });
    }
  }
  return { files: files.length, problems };
}

/**
 * What {@link catalogStats} counts.
 */
export interface CatalogStats {
  categories: number;
  products: number;
  /** Products by the country of their organisation's controller (`community` apart). */
  byCountry: [string, number][];
  byCategory: [string, string, number][];
}

/**
 * Coverage of a catalog: categories, products, and the countries their makers are controlled from.
 */
export function catalogStats(catalog: Catalog, dataset: Dataset): CatalogStats {
  const byCountry = new Map<string, number>();
  for (const p of catalog.products.values()) {
    const org = dataset.organisations.get(p.org);
    const controller = org ? dataset.controllerOf(org) : undefined;
    const k = controller ? (controller.country ?? 'community') : 'unknown';
    byCountry.set(k, (byCountry.get(k) ?? 0) + 1);
  }
  return {
    categories: catalog.categories.size,
    products: catalog.products.size,
    byCountry: [...byCountry].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)),
    byCategory: [...catalog.categories.values()].map((c) => [c.id, c.name, catalog.inCategory.get(c.id)?.length ?? 0]),
  };
}

export function renderCatalogStats(s: CatalogStats): string {
  return [
    `**${s.categories} capability categories, ${s.products} products**, made by organisations controlled from ${s.byCountry.filter(([c]) => c !== 'community' && c !== 'unknown').length} countries: ${s.byCountry.map(([c, n]) => `${c} ${n}`).join(', ')}.`,
    '',
    '| category | products |',
    '|---|---|',
    ...s.byCategory.map(([id, name, n]) => `| ${name} (\`${id}\`) | ${n} |`),
    '',
  ].join('\n');
}

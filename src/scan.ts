/**
 * The whole pipeline in one call, for library users: read the sources, attribute every
 * component, hold the result against the policies, locate the findings in their files and,
 * when asked, plan the replacements. `wherefrom scan`, `host` and `plan` are this call plus
 * rendering.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { attribute, todayUtc, type Attribution } from './attribute/index.js';
import type { Dataset } from './dataset/index.js';
import { loadDataset } from './dataset/load.js';
import { PolicyError } from './errors.js';
import { inventory, type InventoryOptions, type InventorySource } from './ingest/index.js';
import { parseJson } from './ingest/json.js';
import { loadCatalog } from './plan/catalog.js';
import { plan, type PlanOptions } from './plan/index.js';
import { evaluate } from './policy/evaluate.js';
import { loadPolicies } from './policy/load.js';
import { baselineFingerprints, type PolicyFlags } from './policy/parse.js';
import type { Evaluation, LoadedPolicy } from './policy/types.js';
import type { ScanResult } from './report/index.js';
import { addLines } from './report/locate.js';
import { scanReport } from './report/scan.js';

/** What {@link scan} reads besides the sources. Every path is resolved against `cwd`. */
export interface ScanOptions extends Pick<InventoryOptions, 'onProgress' | 'csvColumns'> {
  /** Directory relative paths are resolved against, and where policy discovery starts (default `process.cwd()`). */
  cwd?: string;
  /** A dataset already loaded (see `loadDataset`); otherwise the built-in one with `data` overlays. */
  dataset?: Dataset;
  /** Overlay data files (organisations, lists, platforms) that win over the built-in data. */
  data?: readonly string[];
  /** Policies: files to read, or policies already loaded (`parsePolicy`). */
  policies?: readonly (string | LoadedPolicy)[];
  /** Command-line style shortcuts (`denyCountry: ['XX']`), held as one more policy named `command-line`. */
  flags?: PolicyFlags;
  /** Waiver files applied to every policy. */
  waivers?: readonly string[];
  /** With no policy and no flag, look for the project's policy file from `cwd` up to the repository root. */
  discoverPolicy?: boolean;
  /** An earlier `wherefrom/report@1` JSON report (a file): only findings it lacks count. */
  baseline?: string;
  /** The date restricted-list membership and waivers are judged on (YYYY-MM-DD; default today, UTC). */
  asOf?: string;
  /** Also plan the replacements of what the policies flag (`catalogs`: catalog files of your own). */
  plan?: boolean | ({ catalogs?: readonly string[] } & PlanOptions);
}

/** Everything a scan computed: the rendered result's input, and the stages' outputs. */
export interface ScanOutcome extends ScanResult {
  /** The date judged on. */
  asOf: string;
  dataset: Dataset;
  /** The policies held, in order (none: attribution only). */
  policies: LoadedPolicy[];
  /** One per inventory component, null when unknown. */
  attributions: (Attribution | null)[];
  /** The policies' findings and verdicts; absent when no policy was held. */
  evaluation?: Evaluation;
}

/**
 * Scans sources (files, directories, npm projects, `{ file, content }` documents) end to end.
 * Bad input never throws: unreadable files are in `inventory.errors` (and `report.errors`).
 * Findings get their component's line and column in JSON documents.
 * @throws PolicyError for a policy, waiver or baseline file that cannot be read or is invalid
 * @throws DatasetError for an overlay or catalog file that cannot be read or is inconsistent
 * @example
 * const result = await scan(['sbom.cdx.json'], { flags: { denyCountry: ['XX'] } });
 * if (fails(result.evaluation!, 'deny')) process.exitCode = 1;
 */
export async function scan(sources: readonly InventorySource[], options: ScanOptions = {}): Promise<ScanOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const asOf = options.asOf ?? todayUtc();
  const dataset = options.dataset ?? loadDataset({ overlays: (options.data ?? []).map((f) => path.resolve(cwd, f)) });
  const files = (options.policies ?? []).filter((p): p is string => typeof p === 'string');
  const policies = [
    ...(options.policies ?? []).filter((p): p is LoadedPolicy => typeof p !== 'string'),
    ...loadPolicies(
      {
        cwd,
        files,
        ...(options.flags ? { flags: options.flags } : {}),
        ...(options.waivers ? { waivers: options.waivers } : {}),
        discover: options.discoverPolicy === true && (options.policies ?? []).length === 0,
      },
      dataset,
    ),
  ];
  const baseline = options.baseline === undefined ? undefined : await readBaseline(options.baseline, cwd);
  const inv = await inventory(sources, {
    cwd,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.csvColumns ? { csvColumns: options.csvColumns } : {}),
  });
  const attributions = attribute(inv, dataset, { asOf });
  const evaluation = policies.length > 0 ? evaluate(inv, attributions, policies, baseline ? { asOf, baseline } : { asOf }) : undefined;
  const outcome: ScanOutcome = { report: scanReport(inv, attributions, evaluation, asOf), inventory: inv, asOf, dataset, policies, attributions };
  if (evaluation) outcome.evaluation = evaluation;
  // Findings point at their component's line too (code scanning shows lines, not JSON pointers).
  const given = new Map(sources.flatMap((s) => (typeof s === 'string' ? [] : [[s.file, s.content] as const])));
  await addLines(
    outcome.report.findings.flatMap((f) => (f.component ? [f.component.location] : [])),
    async (file) => {
      const content = given.get(file);
      if (content !== undefined) return typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
      return readFile(path.resolve(cwd, file), 'utf8').catch(() => undefined);
    },
  );
  if (options.plan && evaluation) {
    const { catalogs = [], ...planOptions } = options.plan === true ? {} : options.plan;
    const catalog = loadCatalog(dataset, catalogs.map((f) => path.resolve(cwd, f)));
    outcome.plan = plan(inv, attributions, evaluation, policies, catalog, dataset, planOptions);
  }
  return outcome;
}

async function readBaseline(file: string, cwd: string): Promise<Set<string>> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (e) {
    throw new PolicyError(`--baseline ${file}: cannot read: ${(e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = parseJson(text, file);
  } catch (e) {
    throw new PolicyError(`--baseline ${(e as Error).message}`);
  }
  return baselineFingerprints(doc, file);
}

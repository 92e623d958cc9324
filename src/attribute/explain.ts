/**
 * `explain` and `lookup`: how one identifier is attributed, step by step, and what the dataset
 * holds about one organisation. Data, not text: the CLI renders it.
 */
import { type Dataset, IDENTIFIER_KINDS } from '../dataset/index.js';
import { normalizeName } from '../dataset/names.js';
import type { Organisation } from '../dataset/types.js';
import { newComponent, setPurl } from '../ingest/component.js';
import { Diagnostics } from '../ingest/normalize.js';
import type { Component } from '../model.js';
import { type Attribution, Attributor, cpeVendor } from './index.js';

export interface Explanation {
  input: string;
  /** What the input was read as. */
  kind: 'purl' | 'cpe' | 'name';
  /** The forms looked up: the normalised purl and its parts, the CPE vendor, the normalised name. */
  steps: string[];
  attribution: Attribution | null;
  /** The organisation, its parents and the controller, nearest first. */
  chain: Organisation[];
}

/** Attributes one purl, CPE or organisation name as the engine would inside a bill of materials. */
export function explain(input: string, dataset: Dataset, asOf: string): Explanation {
  const diags = new Diagnostics();
  const loc = { file: '(explain)' };
  const c: Component = newComponent('(explain)', '(explain)', input, 'library', loc, 0);
  const steps: string[] = [];
  let kind: Explanation['kind'];
  if (input.startsWith('pkg:')) {
    kind = 'purl';
    setPurl(c, input, loc, diags);
    if (c.purlParts) {
      const p = c.purlParts;
      steps.push(`purl normalised: ${c.purl}`, `ecosystem ${p.type}, namespace ${p.namespace ?? '(none)'}, name ${p.name}`);
    } else steps.push(`not a valid purl: ${diags.items[0]?.message ?? ''}`);
  } else if (/^cpe:/i.test(input)) {
    kind = 'cpe';
    c.cpe = input;
    c.cpes = [input];
    steps.push(`CPE vendor: ${cpeVendor(input) ?? '(none)'}`);
  } else {
    kind = 'name';
    c.parties = [{ role: 'supplier', kind: 'unspecified', name: input, urls: [], location: loc }];
    const platform = dataset.platformByName(input);
    steps.push(`name normalised: "${normalizeName(input)}"`);
    if (platform) steps.push(`"${input}" is the distribution platform ${platform.name} (${platform.kind}): never an origin`);
  }
  const attribution = new Attributor(dataset, asOf).component(c);
  if (attribution) for (const e of attribution.evidence) steps.push(`${e.field} ${JSON.stringify(e.value)} matched ${e.rule} → ${e.record}`);
  else steps.push('no rule of the dataset matches: unknown');
  const org = attribution ? dataset.organisations.get(attribution.org.id) : undefined;
  return { input, kind, steps, attribution, chain: org ? dataset.chain(org) : [] };
}

/** An organisation by id, by name (whole, normalised), or by any identifier it holds. */
export function lookup(query: string, dataset: Dataset): { org: Organisation; matchedBy: string } | undefined {
  const byId = dataset.organisations.get(query);
  if (byId) return { org: byId, matchedBy: 'id' };
  const byName = dataset.byName(query);
  if (byName) return { org: byName.org, matchedBy: `name "${byName.key}"` };
  for (const k of IDENTIFIER_KINDS) {
    const hit = dataset.exact(k, query);
    if (hit) return { org: hit.org, matchedBy: `${k} ${hit.key}` };
  }
  return undefined;
}

/**
 * Substitution planning: for each component a policy flags (deny or warn), what to replace, at
 * the right depth (for a transitive npm package, the direct dependency that brings it in), and
 * which products of the catalog the same policy allows, ranked by compatibility with what they
 * replace, licence openness, maturity and origin preference, each with the reasons it was chosen.
 * What has no category or no allowed candidate is listed as such, never hidden.
 */
import { type Attribution, type OrgRef, originOf } from '../attribute/index.js';
import type { Dataset } from '../dataset/index.js';
import type { Component, Inventory } from '../model.js';
import { decide, PathFinder } from '../policy/evaluate.js';
import type { Evaluation, Finding, LoadedPolicy, Verdict } from '../policy/types.js';
import type { Catalog, CategoryMatch, Product } from './catalog.js';

/**
 * The schema id of the plan contract.
 */
export const PLAN_SCHEMA = 'wherefrom/plan@1' as const;

/** A component as the plan names it. */
export interface PlanComponent {
  ref: string;
  name: string;
  version?: string;
  purl?: string;
  type: string;
}

/** A candidate replacement. */
export interface Candidate {
  product: { id: string; name: string; url?: string; license: string; maturity: Product['maturity']; tags: string[] };
  org: OrgRef;
  controller: OrgRef;
  /** The controller's country; null for community projects. */
  country: string | null;
  /** What the policy says of it: only `allow` and `warn` candidates are proposed. */
  verdict: Exclude<Verdict, 'deny'>;
  score: number;
  /** Why it ranks where it does. */
  reasons: string[];
}

/** One replacement to make: a target, the findings it resolves, and the candidates. */
export interface PlanItem {
  /** What to replace: the flagged component, or the direct dependency that brings it in. */
  target: PlanComponent;
  /** `direct-dependency` when the flagged components are transitive (npm). */
  depth: 'component' | 'direct-dependency';
  /** For a direct dependency: how many packages it brings in (all of its dependencies, transitively), which may go with it. */
  brings?: number;
  /** The flagged components this replacement removes, with their findings' codes and severity. */
  flagged: (PlanComponent & { severity: 'deny' | 'warn'; codes: string[]; controller?: string; country?: string | null })[];
  category?: { id: string; name: string; by: string };
  /** The catalog's product being replaced (the target's, or the flagged package's that placed it in its category). */
  current?: { id: string; name: string };
  candidates: Candidate[];
  /** Why there are no candidates, when there are none. */
  gap?: 'no-category' | 'no-allowed-candidate';
}

/**
 * The plan of one policy.
 */
export interface PolicyPlan {
  policy: string;
  items: PlanItem[];
  /**
   * Components in the policy's scope whose origin is unknown: the plan cannot weigh their origin
   * (they are items only when the policy flags unknown origins).
   */
  unknown: number;
  /** Of those, the ones that declare only individual maintainers. */
  individual: number;
}

/**
 * The `wherefrom/plan@1` substitution plan: per policy, what to replace and with what.
 */
export interface Plan {
  schema: typeof PLAN_SCHEMA;
  asOf: string;
  policies: PolicyPlan[];
  summary: { items: number; withCandidates: number; noCategory: number; noAllowedCandidate: number; categories: Record<string, number> };
}

/**
 * Options of {@link plan}.
 */
export interface PlanOptions {
  /** Candidates per item (default 5). */
  limit?: number;
}

const MATURITY = { mature: 3, established: 2, emerging: 1 } as const;

/**
 * Plans the replacements of every flagged component, per policy.
 * @param attributions one per component of `inv` (as `attribute` returns them)
 */
export function plan(
  inv: Inventory,
  attributions: readonly (Attribution | null)[],
  evaluation: Evaluation,
  policies: readonly LoadedPolicy[],
  catalog: Catalog,
  dataset: Dataset,
  options: PlanOptions = {},
): Plan {
  const limit = options.limit ?? 5;
  const byId = new Map<string, number>();
  inv.components.forEach((c, i) => byId.set(c.id, i));
  const categoryCount: Record<string, number> = {};
  const paths = new PathFinder(inv);
  // Each component is placed and routed once, however many policies flag it.
  const matches = new Map<string, CategoryMatch | undefined>();
  const matchOf = (c: Component) => {
    if (!matches.has(c.id)) matches.set(c.id, catalog.match(c));
    return matches.get(c.id);
  };
  const routes = new Map<string, string[] | undefined>();
  const routeOf = (c: Component) => {
    if (!routes.has(c.id)) routes.set(c.id, paths.ids(c)[0]);
    return routes.get(c.id);
  };
  let forward: Map<string, string[]> | undefined;
  const out: PolicyPlan[] = [];
  for (const pe of evaluation.policies) {
    const loaded = policies.find((p) => p.name === pe.policy);
    if (!loaded) continue;
    const items = new Map<string, { item: PlanItem; target: Component; flagged: Component[] }>();
    for (const f of pe.findings) {
      if (f.waived || !f.component || (f.severity !== 'deny' && f.severity !== 'warn')) continue;
      if (f.code === 'WAIVER_EXPIRED' || f.code === 'WAIVER_UNUSED' || f.code === 'DECLARED_ORIGIN_MISMATCH') continue;
      const i = byId.get(f.component.ref);
      if (i === undefined) continue;
      const flaggedComponent = inv.components[i]!;
      // A transitive package is replaced by replacing the direct dependency that brings it in
      // (the first of its shortest paths); several flagged packages under one direct dependency
      // make one item.
      const path = routeOf(flaggedComponent);
      const directId = path && path.length > 1 ? path[0]! : undefined;
      const targetIndex = directId !== undefined ? byId.get(directId) : i;
      const target = targetIndex !== undefined ? inv.components[targetIndex]! : flaggedComponent;
      // Components that are the same catalog product (two files' Hikvision cameras) share one
      // replacement: one item.
      const product = directId === undefined ? matchOf(target)?.product : undefined;
      const key = product ? `product:${product.id}` : target.id;
      let entry = items.get(key);
      if (!entry) {
        entry = { item: newItem(target, directId !== undefined && targetIndex !== undefined ? 'direct-dependency' : 'component'), target, flagged: [] };
        items.set(key, entry);
      }
      addFlagged(entry.item, flaggedComponent, f);
      if (!entry.flagged.includes(flaggedComponent)) entry.flagged.push(flaggedComponent);
    }
    for (const { item, target, flagged } of items.values()) {
      if (item.depth === 'direct-dependency') item.brings = closure(target.id, (forward ??= forwardEdges(inv)));
      categorise(item, target, flagged, matchOf);
      if (item.category) {
        categoryCount[item.category.id] = (categoryCount[item.category.id] ?? 0) + 1;
        item.candidates = candidates(item, catalog, dataset, loaded, evaluation.asOf, attributions[byId.get(item.target.ref) ?? -1] ?? null).slice(0, limit);
        if (item.candidates.length === 0) item.gap = 'no-allowed-candidate';
      } else item.gap = 'no-category';
    }
    const sorted = [...items.values()].map((x) => x.item).sort(
      (a, b) => severityRank(b) - severityRank(a) || b.flagged.length - a.flagged.length || (a.target.name < b.target.name ? -1 : a.target.name > b.target.name ? 1 : 0),
    );
    out.push({ policy: pe.policy, items: sorted, unknown: pe.unknown, individual: pe.individual });
  }
  const all = out.flatMap((p) => p.items);
  return {
    schema: PLAN_SCHEMA,
    asOf: evaluation.asOf,
    policies: out,
    summary: {
      items: all.length,
      withCandidates: all.filter((i) => i.candidates.length > 0).length,
      noCategory: all.filter((i) => i.gap === 'no-category').length,
      noAllowedCandidate: all.filter((i) => i.gap === 'no-allowed-candidate').length,
      categories: Object.fromEntries(Object.entries(categoryCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))),
    },
  };
}

/** Dependency edges by their source (describes and contains left out). */
function forwardEdges(inv: Inventory): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const e of inv.dependencies) {
    if (e.kind === 'describes' || e.kind === 'contains' || e.from === e.to) continue;
    let l = m.get(e.from);
    if (!l) m.set(e.from, (l = []));
    l.push(e.to);
  }
  return m;
}

/** How many components a component depends on, directly or not. */
function closure(id: string, forward: Map<string, string[]>): number {
  const seen = new Set<string>([id]);
  const stack = [id];
  while (stack.length > 0) {
    for (const next of forward.get(stack.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen.size - 1;
}

const severityRank = (i: PlanItem) => (i.flagged.some((f) => f.severity === 'deny') ? 2 : 1);

function pc(c: Component): PlanComponent {
  const p: PlanComponent = { ref: c.id, name: c.group && !c.name.startsWith(c.group) ? `${c.group}/${c.name}` : c.name, type: c.type };
  if (c.version !== undefined) p.version = c.version;
  if (c.purl !== undefined) p.purl = c.purl;
  return p;
}

function newItem(target: Component, depth: PlanItem['depth']): PlanItem {
  return { target: pc(target), depth, flagged: [], candidates: [] };
}

/**
 * The item's category: the target's own; else (a direct dependency the catalog does not know)
 * that of the first flagged package it brings in that the catalog knows, since the replacement
 * must do what that package did for it.
 */
function categorise(item: PlanItem, target: Component, flagged: Component[], matchOf: (c: Component) => CategoryMatch | undefined): void {
  const own = matchOf(target);
  let match = own;
  for (const c of flagged) match ??= matchOf(c);
  if (!match) return;
  item.category = { id: match.category.id, name: match.category.name, by: own ? match.by : `${match.by} (brought in by ${item.target.name})` };
  if (match.product) item.current = { id: match.product.id, name: match.product.name };
}

function addFlagged(item: PlanItem, c: Component, f: Finding): void {
  let entry = item.flagged.find((x) => x.ref === c.id);
  if (!entry) {
    entry = { ...pc(c), severity: f.severity === 'deny' ? 'deny' : 'warn', codes: [] };
    if (f.controller) entry.controller = f.controller.id;
    if (f.country !== undefined) entry.country = f.country;
    item.flagged.push(entry);
  }
  if (f.severity === 'deny') entry.severity = 'deny';
  if (!entry.codes.includes(f.code)) entry.codes.push(f.code);
}

/** The candidates of an item's category that the policy allows or warns about, best first. */
function candidates(item: PlanItem, catalog: Catalog, dataset: Dataset, loaded: LoadedPolicy, asOf: string, currentAttribution: Attribution | null): Candidate[] {
  const category = item.category!;
  const current = item.current ? catalog.products.get(item.current.id) : undefined;
  const flaggedControllers = new Set(item.flagged.map((f) => f.controller).filter((x): x is string => x !== undefined));
  if (currentAttribution) flaggedControllers.add(currentAttribution.controller.id);
  // A Maven library is replaced by a Maven library, an npm package by an npm package: candidates
  // published in other ecosystems only are left out (a product with no purl, such as a service
  // or a device, is not held to it).
  const ecosystem = item.target.purl ? /^pkg:([^/]+)\//.exec(item.target.purl)?.[1]?.toLowerCase() : undefined;
  const out: Candidate[] = [];
  for (const p of catalog.inCategory.get(category.id) ?? []) {
    if (current && p.id === current.id) continue;
    const types = new Set((p.identifiers?.purls ?? []).map((u) => /^pkg:([^/]+)\//.exec(u)?.[1]?.toLowerCase()));
    if (ecosystem && types.size > 0 && !types.has(ecosystem)) continue;
    const org = dataset.organisations.get(p.org);
    if (!org) continue;
    const origin = originOf(dataset, org, asOf);
    // Never propose what comes from the same controller as what is being replaced.
    if (flaggedControllers.has(origin.controller.id)) continue;
    const attribution: Attribution = { ...origin, confidence: 'high', evidence: [], conflicts: [], declared: [] }; // what `decide` reads
    const rule = decide(attribution, loaded.policy);
    if (rule.effect === 'deny') continue;
    const reasons: string[] = [];
    let score = 0;
    if (ecosystem && types.has(ecosystem)) {
      score += 2;
      reasons.push(`same ecosystem (${ecosystem})`);
    }
    const shared = current ? p.tags.filter((t) => current.tags.includes(t)) : [];
    if (shared.length > 0) {
      score += 3 * shared.length;
      reasons.push(`compatible: ${shared.join(', ')}`);
    }
    if (p.tags.includes('drop-in-api') && current) {
      score += 3;
      reasons.push('drop-in API');
    }
    if (p.license === 'NOASSERTION') reasons.push('licence not recorded');
    else if (p.license.toLowerCase() !== 'proprietary') {
      score += 2;
      reasons.push(`open source (${p.license})`);
    } else reasons.push('proprietary');
    score += MATURITY[p.maturity];
    reasons.push(p.maturity);
    if (rule.effect === 'warn') {
      score -= 4;
      reasons.push(`the policy warns about it (${rule.kind}${rule.key !== undefined ? ` ${rule.key}` : ''})`);
    } else if (rule.kind !== 'default' && !(rule.kind === 'community' && loaded.policy.community === undefined)) {
      score += 2;
      reasons.push(`the policy allows it explicitly (${rule.kind}${rule.key !== undefined ? ` ${rule.key}` : ''})`);
    } else reasons.push(attribution.community ? 'community project, allowed' : `${attribution.country ?? 'no country'}, allowed by default`);
    if (origin.lists.length > 0) reasons.push(`on ${[...new Set(origin.lists.map((l) => l.id))].join(', ')} (the policy does not deny it)`);
    const cand: Candidate = {
      product: { id: p.id, name: p.name, license: p.license, maturity: p.maturity, tags: p.tags },
      org: attribution.org,
      controller: attribution.controller,
      country: attribution.country,
      verdict: rule.effect,
      score,
      reasons,
    };
    if (p.url !== undefined) cand.product.url = p.url;
    out.push(cand);
  }
  // What the policy allows comes before what it warns about, whatever the score.
  const tier = (c: Candidate) => (c.verdict === 'allow' ? 0 : 1);
  return out.sort((a, b) => tier(a) - tier(b) || b.score - a.score || (a.product.name < b.product.name ? -1 : a.product.name > b.product.name ? 1 : 0));
}

/**
 * Evaluation: each policy held against every component's attribution. The most specific rule
 * wins (organisation, nearest in the parent chain first > restricted list > country > ownership >
 * default); community and unknown origins have their own rules. Waivers suppress findings until
 * they expire; a baseline marks what is new. Findings are data; renderers make the text.
 */
import { createHash } from 'node:crypto';
import semver from 'semver';
import type { Attribution, Confidence } from '../attribute/index.js';
import { individualMaintainers, type Maintainer, maintainerText } from '../attribute/maintainers.js';
import { isLayer } from '../distro/index.js';
import { Diagnostics, normalizePurl } from '../ingest/normalize.js';
import type { Component, Inventory, PurlParts } from '../model.js';
import type {
  Effect,
  Evaluation,
  Finding,
  FindingCode,
  LoadedPolicy,
  Policy,
  PolicyEvaluation,
  RuleRef,
  Severity,
  Verdict,
  Waiver,
} from './types.js';

/**
 * Options of {@link evaluate}.
 */
export interface EvaluateOptions {
  /** The date waivers' expiry is judged on (YYYY-MM-DD; default today, UTC). List membership was judged when attributing. */
  asOf?: string;
  /** Fingerprints of the findings of an earlier report: findings with one of them are `unchanged`. */
  baseline?: ReadonlySet<string>;
}

/** Component types that are hardware (CycloneDX). */
export const HARDWARE_TYPES: ReadonlySet<string> = new Set(['device', 'firmware', 'device-driver', 'platform']);

const STRENGTH: Record<Effect, number> = { allow: 0, warn: 1, deny: 2 };
const VERB: Record<Effect, string> = { allow: 'allows', warn: 'warns on', deny: 'denies' };
const CONFIDENCE: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };
const SEVERITY_ORDER: Record<Severity, number> = { deny: 0, warn: 1, note: 2 };

/**
 * Holds every policy against the attributions (one per component of the inventory, same order).
 */
export function evaluate(
  inv: Inventory,
  attributions: readonly (Attribution | null)[],
  policies: readonly LoadedPolicy[],
  options: EvaluateOptions = {},
): Evaluation {
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
  const paths = new PathFinder(inv);
  // A component's individual maintainers, found once however many policies ask.
  const found = new Map<number, Maintainer[] | undefined>();
  const maintainersOf = (i: number) => {
    if (!found.has(i)) found.set(i, individualMaintainers(inv.components[i]!));
    return found.get(i);
  };
  return {
    asOf,
    policies: policies.map((p) => evaluateOne(inv, attributions, p, asOf, paths, options.baseline, maintainersOf)),
  };
}

function evaluateOne(
  inv: Inventory,
  attributions: readonly (Attribution | null)[],
  loaded: LoadedPolicy,
  asOf: string,
  paths: PathFinder,
  baseline: ReadonlySet<string> | undefined,
  maintainersOf: (index: number) => Maintainer[] | undefined,
): PolicyEvaluation {
  const policy = loaded.policy;
  const name = loaded.name;
  const findings: Finding[] = [];
  const verdicts: (Verdict | null)[] = [];
  const waivers = (policy.waivers ?? []).map((w, i) => new WaiverMatcher(w, i));
  let unknown = 0;
  let individual = 0;

  inv.components.forEach((c, i) => {
    // An image layer holds the image's packages, which are judged one by one: it has no origin of its own.
    if (!inScope(c, policy) || (attributions[i] == null && isLayer(c))) {
      verdicts.push(null);
      return;
    }
    let a = attributions[i] ?? null;
    let why = '';
    if (a && CONFIDENCE[a.confidence] < CONFIDENCE[policy.minConfidence ?? 'low']) {
      why = ` (the attribution to ${a.org.id} has ${a.confidence} confidence, below the policy's minimum ${policy.minConfidence})`;
      a = null;
    }
    const own: Finding[] = [];
    const base = (code: FindingCode, rule: RuleRef, args: Record<string, string>): Finding => {
      const f: Finding = {
        code,
        severity: rule.effect === 'allow' ? 'note' : rule.effect,
        policy: name,
        component: componentRef(c),
        rule,
        evidence: a?.evidence ?? [],
        paths: [],
        args: { component: label(c), policy: name, rule: ruleLabel(rule), effect: rule.effect, verb: VERB[rule.effect], ...args },
        fingerprint: fingerprint(name, code, identity(c), rule.kind, rule.key ?? ''),
      };
      if (a) {
        f.org = a.org;
        f.controller = a.controller;
        f.country = a.country;
        if (a.lists.length > 0) f.lists = a.lists;
      }
      return f;
    };

    if (!a) {
      unknown++;
      // Only a component nothing attributes (not one below the minimum confidence).
      const maintainers = why === '' ? maintainersOf(i) : undefined;
      if (maintainers) {
        individual++;
        why = ` (it declares only individual maintainers: ${maintainers.slice(0, 3).map(maintainerText).join(', ')}${maintainers.length > 3 ? ', …' : ''})`;
      }
      // The `individual` rule when the policy has one; otherwise `unknown`'s (the same finding as before it existed).
      const rule: RuleRef =
        maintainers && policy.individual !== undefined
          ? { kind: 'individual', effect: policy.individual, pointer: '/individual' }
          : { kind: 'unknown', effect: policy.unknown ?? 'allow', pointer: '/unknown' };
      if (rule.effect !== 'allow') own.push(base('ORIGIN_UNKNOWN', rule, { why }));
    } else {
      const rule = decide(a, policy);
      if (rule.effect !== 'allow') {
        const code: FindingCode =
          rule.kind === 'list' ? 'RESTRICTED_LIST' : rule.kind === 'community' ? 'COMMUNITY_ORIGIN' : rule.effect === 'deny' ? 'ORIGIN_DENIED' : 'ORIGIN_WARNED';
        own.push(
          base(code, rule, {
            controller: `${a.controller.name} [${a.controller.id}]`,
            country: a.country ?? 'no country',
            org: a.org.id,
            lists: a.lists.map((l) => `${l.id} ("${l.entry}")`).join(', '),
          }),
        );
      }
      const mismatch = policy.declaredMismatch ?? 'warn';
      if (mismatch !== 'allow') {
        for (const d of a.declared) {
          if (!d.differs) continue;
          own.push(
            base('DECLARED_ORIGIN_MISMATCH', { kind: 'declared-mismatch', key: d.country, effect: mismatch, pointer: '/declaredMismatch' }, {
              declared: d.country,
              party: `${d.role}${d.name ? ` "${d.name}"` : ''}`,
              controller: `${a.controller.name} [${a.controller.id}]`,
              country: a.country ?? 'no country (community)',
            }),
          );
        }
      }
    }

    let verdict: Verdict = 'allow';
    for (const f of own) {
      for (const w of waivers) {
        if (!w.matches(c, a)) continue;
        if (w.waiver.expires >= asOf) {
          w.used = true;
          f.waived = { id: w.id, reason: w.waiver.reason, owner: w.waiver.owner, expires: w.waiver.expires };
          if (w.waiver.ticket !== undefined) f.waived.ticket = w.waiver.ticket;
          break;
        }
        w.expiredMatches.add(c);
      }
      if (!f.waived && f.severity !== 'note' && STRENGTH[f.severity] > STRENGTH[verdict]) verdict = f.severity;
      f.paths = paths.of(c);
      findings.push(f);
    }
    verdicts.push(verdict);
  });

  for (const w of waivers) {
    const rule: RuleRef = { kind: 'waiver', key: w.id, effect: 'warn', pointer: `/waivers/${w.index}` };
    const args = { waiver: w.id, policy: name, owner: w.waiver.owner, expires: w.waiver.expires };
    if (w.expiredMatches.size > 0) {
      for (const c of w.expiredMatches) {
        findings.push({
          code: 'WAIVER_EXPIRED',
          severity: 'warn',
          policy: name,
          component: componentRef(c),
          rule,
          evidence: [],
          paths: paths.of(c),
          args: { ...args, component: label(c) },
          fingerprint: fingerprint(name, 'WAIVER_EXPIRED', identity(c), w.id),
        });
      }
    } else if (!w.used) {
      findings.push({
        code: 'WAIVER_UNUSED',
        severity: 'note',
        policy: name,
        rule: { ...rule, effect: 'allow' },
        evidence: [],
        paths: [],
        args,
        fingerprint: fingerprint(name, 'WAIVER_UNUSED', w.id),
      });
    }
  }

  if (baseline) for (const f of findings) f.baseline = baseline.has(f.fingerprint) ? 'unchanged' : 'new';
  findings.sort(compareFindings);
  const out: PolicyEvaluation = { policy: name, verdicts, findings, unknown, individual };
  if (loaded.file !== undefined) out.file = loaded.file;
  if (loaded.discovered) out.discovered = true;
  return out;
}

/** The winning rule for an attributed component. */
export function decide(a: Attribution, policy: Policy): RuleRef {
  for (const id of a.chain) {
    const effect = own(policy.organisations, id);
    if (effect) return { kind: 'organisation', key: id, effect, pointer: `/organisations/${id}` };
  }
  let list: RuleRef | undefined;
  for (const l of a.lists) {
    const key = own(policy.lists, l.id) ? l.id : own(policy.lists, '*') ? '*' : undefined;
    if (key === undefined) continue;
    const effect = policy.lists![key]!;
    if (!list || STRENGTH[effect] > STRENGTH[list.effect]) list = { kind: 'list', key, effect, pointer: `/lists/${key === '*' ? '*' : key}` };
  }
  if (list) return list;
  if (a.community) return { kind: 'community', effect: policy.community ?? 'allow', pointer: '/community' };
  if (a.country !== null) {
    const effect = own(policy.countries, a.country);
    if (effect) return { kind: 'country', key: a.country, effect, pointer: `/countries/${a.country}` };
  }
  const ownership = a.controller.ownership;
  const byOwnership = own(policy.ownership as Record<string, Effect> | undefined, ownership);
  if (byOwnership) return { kind: 'ownership', key: ownership, effect: byOwnership, pointer: `/ownership/${ownership}` };
  return { kind: 'default', effect: policy.default ?? 'allow', pointer: '/default' };
}

/** A value of a policy map by its own key only (a `__proto__` or `constructor` key is data, not a lookup into Object.prototype). */
function own<V>(map: Record<string, V> | undefined, key: string): V | undefined {
  return map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
}

function inScope(c: Component, policy: Policy): boolean {
  const s = policy.scope;
  if (!s) return true;
  if (s.dev === false && (c.flags.includes('dev') || c.flags.includes('dev-optional'))) return false;
  if (s.optional === false && (c.scope === 'optional' || c.scope === 'excluded') && !c.flags.includes('dev')) return false;
  if (s.kinds && !s.kinds.includes(HARDWARE_TYPES.has(c.type) ? 'hardware' : 'software')) return false;
  return true;
}

class WaiverMatcher {
  readonly id: string;
  used = false;
  /** Components it would have waived had it not expired (once each). */
  readonly expiredMatches = new Set<Component>();
  private readonly purl?: { parts: PurlParts; range?: string };

  constructor(
    readonly waiver: Waiver,
    readonly index: number,
  ) {
    this.id = waiver.id ?? `waivers[${index}]`;
    if (waiver.purl !== undefined) this.purl = parseWaiverPurl(waiver.purl);
  }

  matches(c: Component, a: Attribution | null): boolean {
    if (this.waiver.org !== undefined && !(a?.chain.includes(this.waiver.org) ?? false)) return false;
    if (this.purl) {
      const p = c.purlParts;
      const w = this.purl.parts;
      if (!p || p.type !== w.type || (p.namespace ?? '') !== (w.namespace ?? '') || p.name !== w.name) return false;
      if (this.purl.range !== undefined) {
        if (p.version === undefined) return false;
        const v = semver.valid(p.version, { loose: true }) ?? semver.coerce(p.version)?.version;
        if (!v || !semver.satisfies(v, this.purl.range, { includePrerelease: true })) return false;
      }
    }
    return true;
  }
}

/**
 * A waiver's purl: a package URL whose version, if any, is a semver range (`@^4.17.0`,
 * `@>=1.2.83 <2`). The policy parser has checked it parses.
 */
export function parseWaiverPurl(text: string): { parts: PurlParts; range?: string } | undefined {
  // The version is after the last `@` that has no `/` after it (an npm scope's `@` has).
  const m = /^(.*?)(?:@([^/@?#]+))?((?:[?#].*)?)$/.exec(text);
  const base = m ? m[1]! + m[3]! : text;
  const p = normalizePurl(base, { file: '(policy)' }, new Diagnostics());
  if (!p) return undefined;
  const range = m?.[2] !== undefined ? decodeURIComponent(m[2]) : undefined;
  return range === undefined ? { parts: p.parts } : { parts: p.parts, range };
}

/**
 * Dependency paths, as names, from a top-level component to this one: the npm reader's
 * shortest path when it gave one, else the shortest path back through the dependency graph.
 */
export class PathFinder {
  private byId?: Map<string, Component>;
  private incoming?: Map<string, string[]>;

  constructor(private readonly inv: Inventory) {}

  /** The paths as names (`direct-dep@1.0.0`, …, `this@2.0.0`). */
  of(c: Component): string[][] {
    const byId = (this.byId ??= new Map(this.inv.components.map((x) => [x.id, x])));
    return this.ids(c).map((p) => p.map((id) => {
      const x = byId.get(id);
      return x ? label(x) : id;
    }));
  }

  /** The shortest path that brings a component in, as component ids, the root's direct dependency first. */
  ids(c: Component): string[][] {
    const byId = (this.byId ??= new Map(this.inv.components.map((x) => [x.id, x])));
    if (c.path && c.path.length > 1) return [c.path];
    if (c.path) return [];
    const incoming = (this.incoming ??= this.reverseEdges());
    // Breadth-first backwards to a component nothing else depends on (or the document's subject).
    const prev = new Map<string, string>([[c.id, '']]);
    let frontier = [c.id];
    let top: string | undefined;
    while (frontier.length > 0 && top === undefined) {
      const next: string[] = [];
      for (const id of frontier) {
        const from = incoming.get(id) ?? [];
        const parents = from.filter((f) => byId.has(f));
        if (parents.length === 0 && id !== c.id) {
          top = id;
          break;
        }
        for (const f of parents) {
          if (prev.has(f)) continue;
          prev.set(f, id);
          next.push(f);
        }
      }
      frontier = next;
    }
    if (top === undefined) return [];
    const path: string[] = [];
    for (let id: string | undefined = top; id; id = prev.get(id) || undefined) path.push(id);
    return path.length > 1 ? [path] : [];
  }

  private reverseEdges(): Map<string, string[]> {
    const m = new Map<string, string[]>();
    for (const e of this.inv.dependencies) {
      if (e.kind === 'describes' || e.kind === 'contains' || e.from === e.to) continue;
      let l = m.get(e.to);
      if (!l) m.set(e.to, (l = []));
      l.push(e.from);
    }
    for (const l of m.values()) l.sort();
    return m;
  }
}

function componentRef(c: Component): NonNullable<Finding['component']> {
  const r: NonNullable<Finding['component']> = { ref: c.id, name: displayName(c), type: c.type, location: c.location };
  if (c.version !== undefined) r.version = c.version;
  if (c.purl !== undefined) r.purl = c.purl;
  return r;
}

function displayName(c: Component): string {
  return c.group && !c.name.startsWith(c.group) ? `${c.group}/${c.name}` : c.name;
}

function label(c: Component): string {
  return c.version !== undefined ? `${displayName(c)}@${c.version}` : displayName(c);
}

function ruleLabel(r: RuleRef): string {
  switch (r.kind) {
    case 'organisation':
      return `organisations.${r.key}`;
    case 'list':
      return `lists.${r.key}`;
    case 'country':
      return `countries.${r.key}`;
    case 'ownership':
      return `ownership.${r.key}`;
    case 'waiver':
      return `waiver ${r.key}`;
    case 'declared-mismatch':
      return 'declaredMismatch';
    default:
      return r.kind;
  }
}

/** What stays the same when a component is upgraded or moves in the list: its package identity without version. */
function identity(c: Component): string {
  const p = c.purlParts;
  if (p) return `pkg:${p.type}/${p.namespace ?? ''}/${p.name}`;
  return `${c.type}:${c.group ?? ''}/${c.name}`;
}

function fingerprint(...parts: string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    cmp(a.code, b.code) ||
    cmp(a.component?.ref ?? '', b.component?.ref ?? '') ||
    cmp(a.fingerprint, b.fingerprint)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The severity at or above which a run fails (`--fail-on`).
 */
export type FailOn = 'deny' | 'warn' | 'unknown' | 'never';

/**
 * Whether an evaluation fails at a level: `deny` on a denied finding, `warn` on a warned one
 * too, `unknown` also on any component of unknown origin; waived findings, notes and (with a
 * baseline) unchanged findings never fail.
 */
export function fails(evaluation: Evaluation, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  for (const p of evaluation.policies) {
    for (const f of p.findings) {
      if (f.waived || f.baseline === 'unchanged' || f.severity === 'note') continue;
      if (f.severity === 'deny' || failOn !== 'deny') return true;
    }
    if (failOn === 'unknown' && p.unknown > 0) return true;
  }
  return false;
}

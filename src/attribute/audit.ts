/**
 * The attribution audit (`wherefrom data audit PATH...`): every attribution of a set of inputs
 * grouped by controller and by the kinds of evidence behind it, the groups that rest on one weak
 * signal first — a single reference URL, a single person's field, a single declared name — each
 * with the dataset record it went through and how that record was established, and the evidence
 * set aside by a rule. The classes of wrong attribution found so far (a person's address, a
 * distribution's packager, a parent POM's SCM) each rested on one weak signal: reading these
 * groups first is how the next class is found by the project, not by a user.
 */
import type { Dataset } from '../dataset/index.js';
import { isLayer } from '../distro/index.js';
import type { Component, Inventory } from '../model.js';
import type { Attribution, Evidence } from './index.js';
import { setAsideReferences } from './parents.js';

/** Why a single signal is weak. */
export type WeakSignal = 'reference' | 'person' | 'declared-name';

/** One group of the audit: a controller, the kinds of evidence that agree on it, and how many components. */
export interface AuditGroup {
  controller: string;
  controllerName: string;
  /** null for community work. */
  country: string | null;
  /** The evidence kinds, `field rule-kind`, sorted, joined by ` + ` (a single weak signal: with its value, `externalReferences.vcs github-org:sonatype`). */
  signature: string;
  components: number;
  /** Whether every attribution of the group rests on one piece of evidence. */
  single: boolean;
  /** For a single signal that is weak: which kind of weak. */
  weak?: WeakSignal;
  /** Up to three components (`name@version`), in input order. */
  examples: string[];
  /** The dataset records the evidence went through, with how each was established. */
  records: { id: string; established: 'confirmed' | 'knowledge' }[];
}

/** Evidence set aside by a rule, grouped by the rule's reason. */
export interface SetAsideGroup {
  reason: string;
  components: number;
  /** Of those, how many stayed unknown. */
  unknown: number;
  examples: string[];
}

/** The audit of a set of inputs. */
export interface Audit {
  components: number;
  attributed: number;
  groups: AuditGroup[];
  setAside: SetAsideGroup[];
}

/** `externalReferences.vcs github-org`, `purl npm-scope`, `supplier.name name`. */
function kindOf(e: Evidence): string {
  const colon = e.rule.indexOf(':');
  return `${e.field} ${colon > 0 ? e.rule.slice(0, colon) : e.rule}`;
}

/** Whether one piece of evidence alone is a weak signal, and which. */
export function weakSignal(e: Evidence): WeakSignal | undefined {
  if (e.field.startsWith('externalReferences.')) return 'reference';
  if (e.field.startsWith('author.')) return 'person';
  if (/^(?:supplier|originator|publisher|manufacturer|provider)\.name$/.test(e.field)) return 'declared-name';
  return undefined;
}

const WEAK_ORDER: Record<WeakSignal, number> = { reference: 0, person: 1, 'declared-name': 2 };

const label = (c: Component) => {
  const name = c.group && !c.name.startsWith(c.group) ? `${c.group}/${c.name}` : c.name;
  return c.version !== undefined ? `${name}@${c.version}` : name;
};

/**
 * Groups the attributions of an inventory (one per component, as `attribute` returns them).
 * @param dataset with details (`loadDataset({ details: true })`), for how each record was established
 */
export function auditAttributions(inv: Inventory, attributions: readonly (Attribution | null)[], dataset: Dataset): Audit {
  const groups = new Map<string, AuditGroup>();
  const setAside = new Map<string, SetAsideGroup>();
  let attributed = 0;
  inv.components.forEach((c, i) => {
    const a = attributions[i] ?? null;
    const aside = a ? (a.ignored ?? []) : isLayer(c) ? [] : setAsideReferences(c);
    for (const reason of new Set(aside.map((x) => x.reason))) {
      let g = setAside.get(reason);
      if (!g) setAside.set(reason, (g = { reason, components: 0, unknown: 0, examples: [] }));
      g.components++;
      if (!a) g.unknown++;
      if (g.examples.length < 3) g.examples.push(label(c));
    }
    if (!a) return;
    attributed++;
    const single = a.evidence.length === 1;
    const weak = single ? weakSignal(a.evidence[0]!) : undefined;
    const signature = weak ? `${a.evidence[0]!.field} ${a.evidence[0]!.rule}` : [...new Set(a.evidence.map(kindOf))].sort().join(' + ');
    const key = `${a.controller.id}\0${signature}`;
    let g = groups.get(key);
    if (!g) {
      g = { controller: a.controller.id, controllerName: a.controller.name, country: a.country, signature, components: 0, single, examples: [], records: [] };
      if (weak) g.weak = weak;
      groups.set(key, g);
    }
    g.components++;
    if (!single) g.single = false;
    if (g.examples.length < 3) g.examples.push(label(c));
    for (const e of a.evidence) {
      if (g.records.some((r) => r.id === e.record)) continue;
      const org = dataset.organisations.get(e.record);
      g.records.push({ id: e.record, established: org?.sources.some((s) => s.established === 'confirmed') ? 'confirmed' : 'knowledge' });
    }
  });
  const rank = (g: AuditGroup) => (g.weak !== undefined ? WEAK_ORDER[g.weak] : g.single ? 3 : 4);
  const sorted = [...groups.values()].sort(
    (x, y) => rank(x) - rank(y) || y.components - x.components || (x.controller < y.controller ? -1 : x.controller > y.controller ? 1 : x.signature < y.signature ? -1 : 1),
  );
  for (const g of sorted) g.records.sort((x, y) => (x.id < y.id ? -1 : 1));
  return {
    components: inv.components.length,
    attributed,
    groups: sorted,
    setAside: [...setAside.values()].sort((x, y) => y.components - x.components || (x.reason < y.reason ? -1 : 1)),
  };
}

const WEAK_TEXT: Record<WeakSignal, string> = {
  reference: 'one reference URL only',
  person: "one person's field only",
  'declared-name': 'one declared name only',
};

/** Markdown cell text: pipes and line breaks escaped. */
const cell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

/**
 * The audit as Markdown: the weak single-signal groups first, then the other single-signal
 * groups, then the rest; then what rules set aside.
 * @param title what was audited (`fixtures/corpus`)
 */
export function renderAudit(audit: Audit, title: string): string {
  const weak = audit.groups.filter((g) => g.weak !== undefined);
  const rest = audit.groups.filter((g) => g.weak === undefined);
  const row = (g: AuditGroup) =>
    `| ${cell(`${g.controllerName} [${g.controller}]`)} | ${g.country ?? 'community'} | ${cell(g.signature)} | ${g.components} | ${g.weak ? WEAK_TEXT[g.weak] : g.single ? 'one signal' : 'several signals'} | ${cell(g.records.map((r) => `${r.id} (${r.established})`).join(', '))} | ${cell(g.examples.join(', '))} |`;
  const head = ['| controller | country | evidence | components | rests on | records | examples |', '|---|---|---|---|---|---|---|'];
  const out = [
    `# Attribution audit: ${title}`,
    '',
    `Made by \`wherefrom data audit\`: ${audit.attributed} of ${audit.components} components attributed, in ${audit.groups.length} groups of controller × the kinds of evidence behind it (\`field rule\`). Groups resting on one weak signal come first — one reference URL, one person's field, one declared supplier, originator or publisher name — each with the dataset record it went through and whether that record has a source confirmed against a document (\`confirmed\`) or is recorded from knowledge. Read each: does this signal really say who controls these components?`,
    '',
    `## Resting on one weak signal (${weak.length} groups, ${weak.reduce((n, g) => n + g.components, 0)} components)`,
    '',
    ...(weak.length > 0 ? [...head, ...weak.map(row)] : ['None.']),
    '',
    `## Set aside by a rule (${audit.setAside.length} rules)`,
    '',
    ...(audit.setAside.length > 0
      ? ['| reason | components | of which unknown | examples |', '|---|---|---|---|', ...audit.setAside.map((g) => `| ${cell(g.reason)} | ${g.components} | ${g.unknown} | ${cell(g.examples.join(', '))} |`)]
      : ['None.']),
    '',
    `## The other groups (${rest.length} groups, ${rest.reduce((n, g) => n + g.components, 0)} components)`,
    '',
    ...(rest.length > 0 ? [...head, ...rest.map(row)] : ['None.']),
    '',
  ];
  return `${out.join('\n')}\n`;
}

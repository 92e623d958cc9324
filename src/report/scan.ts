/**
 * The scan report: every component with its attribution and verdict, and the findings of the
 * policies, in the `wherefrom/report@1` JSON contract (../shared/DESIGN.md, "The JSON report
 * contract"). It is the one result model every renderer reads (see ./index.ts).
 */
import type { Attribution, Evidence } from '../attribute/index.js';
import { individualMaintainers, type Maintainer, maintainerText } from '../attribute/maintainers.js';
import { isLayer } from '../distro/index.js';
import { type SetAside, setAsideReferences } from '../attribute/parents.js';
import type { HardwareIds, Inventory } from '../model.js';
import { findingMessage } from '../policy/catalogue.js';
import type { Evaluation, Finding, Verdict } from '../policy/types.js';
import { terminalSafe } from './escape.js';

/**
 * The schema id of the JSON report contract.
 */
export const REPORT_SCHEMA = 'wherefrom/report@1' as const;

/**
 * A component as the report shows it.
 */
export interface ReportComponent {
  ref: string;
  name: string;
  version?: string;
  purl?: string;
  type: string;
  /** A device's ids, model, serial, quantity and site (HBOMs, asset lists, the host). */
  hardware?: HardwareIds;
  attribution: Attribution | null;
  /**
   * An image layer (a blob of an image SBOM): not a component of its own origin but what holds
   * the image's packages, which are attributed one by one. Not counted as unknown.
   */
  layer?: true;
  /**
   * For a component nothing attributes whose only parties are people, or whose repository is
   * under a code-hosting account the dataset does not know: those maintainers, as declared. It
   * stays unknown (a person is never an organisation), and is counted apart (`summary.individual`).
   */
  maintainers?: Maintainer[];
  /** For a component nothing attributes: the evidence considered and set aside, with why (attributed components have it in `attribution.ignored`). */
  ignored?: SetAside[];
  /**
   * The strictest verdict of the policies (waived findings do not count); null when no policy
   * was given or no policy's scope covers the component.
   */
  verdict: Verdict | null;
  /** Verdict per policy name, when more than one policy was held. */
  verdicts?: Record<string, Verdict | null>;
}

/** A policy held in the run and what it found. */
export interface ReportPolicy {
  name: string;
  file?: string;
  /** The file was found in the project (`wherefrom.policy.json`, `.wherefrom/policy.json`, package.json), not named. */
  discovered?: boolean;
  findings: { deny: number; warn: number; note: number; waived: number };
  /** With a baseline: findings the baseline did not have. */
  new?: number;
}

/**
 * The `wherefrom/report@1` JSON report: components with attributions and verdicts, policies, findings and a summary.
 */
export interface Report {
  schema: typeof REPORT_SCHEMA;
  /** The date restricted-list membership and waivers were judged on. */
  asOf: string;
  components: ReportComponent[];
  policies: ReportPolicy[];
  /** Every policy's findings (each names its policy), strictest first. */
  findings: Finding[];
  summary: {
    components: number;
    attributed: number;
    /** Components nothing attributes (image layers are not counted). */
    unknown: number;
    /** Of the unknown, those that declare only individual maintainers (see {@link ReportComponent.maintainers}). */
    individual: number;
    /** Image layers (not components of an origin of their own). */
    layers: number;
    community: number;
    /** Components by the controller's country (`unknown` and `community` apart; image layers left out). */
    byCountry: Record<string, number>;
    /** Components by controller id. */
    byController: Record<string, number>;
    /** Components on a restricted list in force, by list id. */
    byList: Record<string, number>;
    /** Components by verdict (`none`: no policy covers them). */
    byVerdict: Record<string, number>;
  };
  /** Inputs that could not be read (as in the inventory). */
  errors: Inventory['errors'];
}

function sortedCounts(m: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}

const STRENGTH = { allow: 0, warn: 1, deny: 2 } as const;

/**
 * Builds the report of an inventory, its attributions (one per component, same order) and,
 * when policies were held, their evaluation.
 */
export function scanReport(inv: Inventory, attributions: readonly (Attribution | null)[], evaluation?: Evaluation, asOf?: string): Report {
  const byVerdict = new Map<string, number>();
  const policies = evaluation?.policies ?? [];
  const byCountry = new Map<string, number>();
  const byController = new Map<string, number>();
  const byList = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  let attributed = 0;
  let community = 0;
  let individual = 0;
  let layers = 0;
  const components = inv.components.map((c, i) => {
    const a = attributions[i] ?? null;
    const layer = !a && isLayer(c);
    const maintainers = a || layer ? undefined : individualMaintainers(c);
    const setAside = a || layer ? [] : setAsideReferences(c);
    if (a) {
      attributed++;
      if (a.community) community++;
      bump(byCountry, a.country ?? 'community');
      bump(byController, a.controller.id);
      for (const id of new Set(a.lists.map((l) => l.id))) bump(byList, id);
    } else if (layer) layers++;
    else {
      bump(byCountry, 'unknown');
      if (maintainers) individual++;
    }
    // The contract's key order; absent values are left out of the JSON.
    const rc: ReportComponent = {
      ref: c.id,
      name: c.group && !c.name.startsWith(c.group) ? `${c.group}/${c.name}` : c.name,
      version: c.version,
      purl: c.purl,
      type: c.type,
      hardware: c.hardware,
      attribution: a,
      ...(layer ? { layer: true as const } : {}),
      ...(maintainers ? { maintainers } : {}),
      ...(setAside.length > 0 ? { ignored: setAside } : {}),
      verdict: null,
    };
    let verdict: Verdict | null = null;
    for (const p of policies) {
      const v = p.verdicts[i] ?? null;
      if (v !== null && (verdict === null || STRENGTH[v] > STRENGTH[verdict])) verdict = v;
    }
    rc.verdict = verdict;
    if (policies.length > 1) rc.verdicts = Object.fromEntries(policies.map((p) => [p.policy, p.verdicts[i] ?? null]));
    bump(byVerdict, verdict ?? 'none');
    return rc;
  });
  const findings = policies.flatMap((p) => p.findings);
  const SEVERITY = { deny: 0, warn: 1, note: 2 } as const;
  // Strictest first across policies; within a severity, the policies in the order given.
  findings.sort((a, b) => SEVERITY[a.severity] - SEVERITY[b.severity]);
  return {
    schema: REPORT_SCHEMA,
    asOf: evaluation?.asOf ?? asOf ?? new Date().toISOString().slice(0, 10),
    components,
    policies: policies.map((p) => {
      const count = (sev: Finding['severity']) => p.findings.filter((f) => f.severity === sev && !f.waived).length;
      const rp: ReportPolicy = {
        name: p.policy,
        findings: { deny: count('deny'), warn: count('warn'), note: count('note'), waived: p.findings.filter((f) => f.waived).length },
      };
      if (p.file !== undefined) rp.file = p.file;
      if (p.discovered) rp.discovered = true;
      if (p.findings.some((f) => f.baseline !== undefined)) rp.new = p.findings.filter((f) => f.baseline === 'new').length;
      return rp;
    }),
    findings,
    summary: {
      components: components.length,
      attributed,
      unknown: components.length - attributed - layers,
      individual,
      layers,
      community,
      byCountry: sortedCounts(byCountry),
      byController: sortedCounts(byController),
      byList: sortedCounts(byList),
      byVerdict: sortedCounts(byVerdict),
    },
    errors: inv.errors,
  };
}

export function renderScanJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * One piece of evidence as a line: the field, the rule that matched, and for hardware the
 * registry entry it went through (`hardware.pci.vendor pci-vendor:15b3 ← pci.ids 2023.04.10:
 * Mellanox Technologies`), so that a report shows id → vendor → organisation.
 */
export function evidenceText(e: Evidence | undefined): string {
  if (!e) return '';
  return `${e.field} ${e.rule}${e.via !== undefined ? ` ← ${e.via}` : ''}`;
}

const COLOURS = { deny: '\x1b[31m', warn: '\x1b[33m', allow: '\x1b[32m', note: '\x1b[2m', reset: '\x1b[0m' } as const;

/**
 * The terminal table: one row per component (verdict first when a policy was held), then the
 * findings, then a summary. Colour only when asked (the CLI asks on a TTY).
 */
export function renderScanTable(report: Report, options: { color?: boolean; quiet?: boolean } = {}): string {
  const paint = (s: string, k: keyof typeof COLOURS) => (options.color ? `${COLOURS[k]}${s}${COLOURS.reset}` : s);
  const withVerdict = report.policies.length > 0;
  const rows = report.components.map((c) => {
    const a = c.attribution;
    const who = a ? (a.controller.id === a.org.id ? a.org.name : `${a.org.name} (${a.controller.name})`) : unattributedText(c);
    const lists = a?.lists.map((l) => l.id).join(', ') ?? '';
    const why = a
      ? evidenceText(a.evidence[0])
      : c.maintainers
        ? `maintainers: ${c.maintainers.map(maintainerText).join(', ')}`
        : c.ignored
          ? `set aside, ${setAsideText(c.ignored[0]!)}`
          : '';
    const cells = [c.name, c.version ?? '', who, a ? (a.country ?? 'community') : c.layer ? '-' : '?', a?.confidence ?? '', lists, why];
    return (withVerdict ? [c.verdict ?? '-', ...cells] : cells).map(terminalSafe);
  });
  const header = [...(withVerdict ? ['VERDICT'] : []), 'NAME', 'VERSION', 'ORGANISATION (CONTROLLER)', 'COUNTRY', 'CONFIDENCE', 'LISTS', 'EVIDENCE'];
  const max = [...(withVerdict ? [7] : []), 40, 16, 44, 9, 10, 30, 90];
  const widths = header.map((h, i) => {
    let w = h.length;
    for (const r of rows) w = Math.max(w, [...r[i]!].length);
    return Math.min(w, max[i]!);
  });
  const fit = (s: string, w: number) => ([...s].length <= w ? s : `${[...s].slice(0, w - 1).join('')}…`);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => {
        const cell = fit(c, widths[i]!).padEnd(widths[i]!);
        return withVerdict && i === 0 && (c === 'deny' || c === 'warn' || c === 'allow') ? paint(cell, c) : cell;
      })
      .join('  ')
      .trimEnd();
  // Quiet: the findings that count, nothing else (a CI log that only says what to act on).
  if (options.quiet) {
    const counting = report.findings.filter((f) => !f.waived && f.baseline !== 'unchanged');
    return counting.map((f) => `${terminalSafe(`${f.severity.padEnd(5)} ${f.code} [${f.policy}] ${findingText(f)}`).replace(/^(deny|warn|note)/, (m) => paint(m, m as 'deny'))}\n`).join('');
  }
  const out = [line(header), ...rows.map(line)];
  const live = report.findings.filter((f) => !f.waived && f.baseline !== 'unchanged');
  if (report.findings.length > 0) {
    out.push('', `FINDINGS (${live.length}${live.length !== report.findings.length ? ` counting, ${report.findings.length - live.length} waived or in the baseline` : ''})`);
    for (const f of report.findings) {
      const tag = f.waived ? `waived (${f.waived.id}, until ${f.waived.expires})` : f.baseline === 'unchanged' ? 'baseline' : f.severity;
      const via = f.paths[0] && f.paths[0].length > 1 ? ` via ${f.paths[0].slice(0, -1).join(' > ')}` : '';
      out.push(terminalSafe(`${tag.padEnd(5)} ${f.code} [${f.policy}] ${findingText(f)}${via}`).replace(/^(deny|warn|note)/, (m) => paint(m, m as 'deny')));
    }
  }
  const s = report.summary;
  const counts = (m: Record<string, number>) =>
    Object.entries(m)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  out.push('', `${s.components} components: ${s.attributed} attributed, ${unknownText(s)}. By country: ${counts(s.byCountry) || 'none'}`);
  if (withVerdict) {
    out.push(`Verdicts: ${counts(s.byVerdict)}`);
    const from = (p: ReportPolicy) => (p.file === undefined ? '' : ` (${p.file}${p.discovered ? ', found in the project' : ''})`);
    out.push(terminalSafe(`Policies: ${report.policies.map((p) => `${p.name}${from(p)}`).join(', ')}`));
  }
  return `${out.join('\n')}\n`;
}

/** Evidence set aside, in one line, why first: `inherited from org.sonatype.oss:oss-parent: externalReferences.vcs http://svn.sonatype.org/…`. */
export function setAsideText(x: SetAside): string {
  return `${x.reason}: ${x.field} ${x.value}`;
}

/** What an unattributed component is, in a table cell: an image layer, individual maintainers, or unknown. */
export function unattributedText(c: ReportComponent): string {
  return c.layer ? 'image layer' : c.maintainers ? 'unknown (individual maintainers)' : 'unknown';
}

/**
 * The unknown count as every summary says it: `12 unknown (of which 9 declare only individual
 * maintainers)`, and the image layers apart.
 */
export function unknownText(s: Report['summary']): string {
  const parts = [`${s.unknown} unknown${s.individual > 0 ? ` (of which ${s.individual} declare only individual maintainers)` : ''}`];
  if (s.layers > 0) parts.push(`${s.layers} image layer${s.layers === 1 ? '' : 's'}`);
  return parts.join(', ');
}

/** A finding's one-line message from the catalogue. */
export function findingText(f: Finding): string {
  return findingMessage(f.code, f.args);
}

/**
 * The scan report: every component with its attribution, in the `wherefrom/report@1` JSON
 * contract (../shared/DESIGN.md, "The JSON report contract"), and as a terminal table.
 * Policy verdicts and findings come with the policy stage; `findings` is empty until then.
 */
import type { Attribution } from '../attribute/index.js';
import type { Inventory } from '../model.js';
import { terminalSafe } from './escape.js';

export const REPORT_SCHEMA = 'wherefrom/report@1' as const;

export interface ReportComponent {
  ref: string;
  name: string;
  version?: string;
  purl?: string;
  type: string;
  attribution: Attribution | null;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  components: ReportComponent[];
  findings: never[];
  summary: {
    components: number;
    attributed: number;
    unknown: number;
    community: number;
    /** Components by the controller's country (`unknown` and `community` apart). */
    byCountry: Record<string, number>;
    /** Components by controller id. */
    byController: Record<string, number>;
    /** Components on a restricted list in force, by list id. */
    byList: Record<string, number>;
  };
  /** Inputs that could not be read (as in the inventory). */
  errors: Inventory['errors'];
}

function sortedCounts(m: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}

/** Builds the report of an inventory and its attributions (one per component, same order). */
export function scanReport(inv: Inventory, attributions: readonly (Attribution | null)[]): Report {
  const byCountry = new Map<string, number>();
  const byController = new Map<string, number>();
  const byList = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  let attributed = 0;
  let community = 0;
  const components = inv.components.map((c, i) => {
    const a = attributions[i] ?? null;
    if (a) {
      attributed++;
      if (a.community) community++;
      bump(byCountry, a.country ?? 'community');
      bump(byController, a.controller.id);
      for (const id of new Set(a.lists.map((l) => l.id))) bump(byList, id);
    } else bump(byCountry, 'unknown');
    // The contract's key order; absent values are left out of the JSON.
    const rc: ReportComponent = {
      ref: c.id,
      name: c.group && !c.name.startsWith(c.group) ? `${c.group}/${c.name}` : c.name,
      version: c.version,
      purl: c.purl,
      type: c.type,
      attribution: a,
    };
    return rc;
  });
  return {
    schema: REPORT_SCHEMA,
    components,
    findings: [],
    summary: {
      components: components.length,
      attributed,
      unknown: components.length - attributed,
      community,
      byCountry: sortedCounts(byCountry),
      byController: sortedCounts(byController),
      byList: sortedCounts(byList),
    },
    errors: inv.errors,
  };
}

export function renderScanJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function renderScanTable(report: Report): string {
  const rows = report.components.map((c) => {
    const a = c.attribution;
    const who = a ? (a.controller.id === a.org.id ? a.org.name : `${a.org.name} (${a.controller.name})`) : 'unknown';
    const lists = a?.lists.map((l) => l.id).join(', ') ?? '';
    const why = a?.evidence[0] ? `${a.evidence[0].field} ${a.evidence[0].rule}` : '';
    return [c.name, c.version ?? '', who, a ? (a.country ?? 'community') : '?', a?.confidence ?? '', lists, why].map(terminalSafe);
  });
  const header = ['NAME', 'VERSION', 'ORGANISATION (CONTROLLER)', 'COUNTRY', 'CONFIDENCE', 'LISTS', 'EVIDENCE'];
  const max = [40, 16, 44, 8, 10, 30, 60];
  const widths = header.map((h, i) => {
    let w = h.length;
    for (const r of rows) w = Math.max(w, [...r[i]!].length);
    return Math.min(w, max[i]!);
  });
  const fit = (s: string, w: number) => ([...s].length <= w ? s : `${[...s].slice(0, w - 1).join('')}…`);
  const line = (cells: string[]) => cells.map((c, i) => fit(c, widths[i]!).padEnd(widths[i]!)).join('  ').trimEnd();
  const s = report.summary;
  const countries = Object.entries(s.byCountry)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n\n${s.components} components: ${s.attributed} attributed, ${s.unknown} unknown. By country: ${countries || 'none'}\n`;
}

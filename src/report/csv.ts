/**
 * CSV (RFC 4180, CRLF), one row per component, for procurement spreadsheets. Fields go through
 * `csvRow`, which defuses formula injection. UTF-8 without a byte-order mark: a BOM breaks
 * machine consumers, and spreadsheet users import the file as UTF-8.
 */
import { maintainerText } from '../attribute/maintainers.js';
import { csvRow } from './escape.js';
import type { Renderer } from './index.js';
import { evidenceText } from './scan.js';

export const CSV_COLUMNS = [
  'file', 'name', 'version', 'purl', 'type', 'organisation_id', 'organisation', 'controller_id', 'controller',
  'country', 'ownership', 'confidence', 'lists', 'verdict', 'findings', 'evidence', 'unattributed', 'maintainers', 'path',
] as const;

export const renderCsv: Renderer = (result) => {
  const byRef = new Map<string, string[]>();
  // Dependency paths as names (`a@1 > b@2 > c@3`): a finding's, else the npm reader's path of ids.
  const pathOf = new Map<string, string[]>();
  for (const f of result.report.findings) if (f.component && f.paths[0] && !pathOf.has(f.component.ref)) pathOf.set(f.component.ref, f.paths[0]);
  const label = new Map(result.report.components.map((c) => [c.ref, c.version !== undefined ? `${c.name}@${c.version}` : c.name]));
  for (const f of result.report.findings) {
    if (!f.component || f.waived) continue;
    const codes = byRef.get(f.component.ref) ?? [];
    const code = `${f.code}:${f.policy}`;
    if (!codes.includes(code)) codes.push(code);
    byRef.set(f.component.ref, codes);
  }
  const rows = [csvRow(CSV_COLUMNS)];
  result.report.components.forEach((c, i) => {
    const inv = result.inventory.components[i];
    const a = c.attribution;
    const file = inv ? (result.inventory.sources[inv.source]?.file ?? '') : c.ref.split('#')[0]!;
    const ids = inv?.path && inv.path.length > 1 ? inv.path : undefined;
    const path = (pathOf.get(c.ref) ?? ids?.map((id) => label.get(id) ?? id) ?? []).join(' > ');
    rows.push(
      csvRow([
        file,
        c.name,
        c.version ?? '',
        c.purl ?? '',
        c.type,
        a?.org.id ?? '',
        a?.org.name ?? '',
        a?.controller.id ?? '',
        a?.controller.name ?? '',
        a ? (a.community ? 'community' : (a.country ?? '')) : '',
        a?.controller.ownership ?? '',
        a?.confidence ?? '',
        [...new Set(a?.lists.map((l) => l.id) ?? [])].join('; '),
        c.verdict ?? '',
        (byRef.get(c.ref) ?? []).join('; '),
        evidenceText(a?.evidence[0]),
        a ? '' : c.layer ? 'image layer' : c.maintainers ? 'individual maintainers' : 'unknown',
        (c.maintainers ?? []).map(maintainerText).join('; '),
        path,
      ]),
    );
  });
  return `${rows.join('\r\n')}\r\n`;
};

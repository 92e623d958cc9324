/**
 * Renderers of an inventory: `json` (the wherefrom/inventory@1 contract), `table` (for a
 * terminal) and `csv` (RFC 4180, for spreadsheets). Every string from a bill of materials is
 * escaped for where it goes: control characters never reach a terminal, and a cell never starts
 * a spreadsheet formula.
 */
import { formatLocation } from '../errors.js';
import type { Component, Inventory, PartyRole } from '../model.js';
import { csvRow, terminalSafe } from './escape.js';

/**
 * A format of the inventory (`table`, `json`, `csv`).
 */
export type InventoryFormat = 'json' | 'table' | 'csv';

/**
 * The formats `renderInventory` writes.
 */
export const INVENTORY_FORMATS: readonly InventoryFormat[] = ['table', 'json', 'csv'];

/** Renders an inventory in one format. */
export function renderInventory(inv: Inventory, format: InventoryFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(inv, null, 2)}\n`;
    case 'csv':
      return renderCsv(inv);
    case 'table':
      return renderTable(inv);
  }
}

function partyNames(c: Component, role: PartyRole): string {
  return c.parties
    .filter((p) => p.role === role)
    .map((p) => p.name ?? p.email ?? p.urls[0] ?? '')
    .join('; ');
}

function licenseText(c: Component): string {
  return c.licenses.map((l) => l.value).join('; ');
}

const CSV_COLUMNS = [
  'id',
  'source',
  'location',
  'type',
  'group',
  'name',
  'version',
  'purl',
  'cpe',
  'supplier',
  'manufacturer',
  'author',
  'publisher',
  'originator',
  'licenses',
  'sha256',
  'scope',
  'flags',
  'registry',
  'parent',
] as const;

function renderCsv(inv: Inventory): string {
  const lines = [csvRow(CSV_COLUMNS)];
  for (const c of inv.components) {
    lines.push(
      csvRow([
        c.id,
        inv.sources[c.source]?.file ?? '',
        formatLocation(c.location),
        c.type,
        c.group ?? '',
        c.name,
        c.version ?? '',
        c.purl ?? '',
        c.cpe ?? '',
        partyNames(c, 'supplier'),
        partyNames(c, 'manufacturer'),
        partyNames(c, 'author'),
        partyNames(c, 'publisher'),
        partyNames(c, 'originator'),
        licenseText(c),
        c.hashes.find((h) => h.alg === 'SHA-256')?.value ?? '',
        c.scope ?? '',
        c.flags.join(' '),
        c.registry ?? '',
        c.parent ?? '',
      ]),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Cuts a cell to a width, by code points. */
function fit(s: string, width: number): string {
  const chars = [...s];
  return chars.length <= width ? s : `${chars.slice(0, width - 1).join('')}…`;
}

function renderTable(inv: Inventory): string {
  const header = ['NAME', 'VERSION', 'TYPE', 'SUPPLIER / AUTHOR', 'LICENCE', 'FOUND AT'];
  const widths = [40, 16, 12, 28, 24, 0];
  const rows = inv.components.map((c) => {
    const who =
      partyNames(c, 'supplier') || partyNames(c, 'manufacturer') || partyNames(c, 'originator') || partyNames(c, 'publisher') || partyNames(c, 'author');
    const name = c.group && !c.name.startsWith(c.group) ? `${c.group}/${c.name}` : c.name;
    return [name, c.version ?? '', c.type, who, licenseText(c), formatLocation(c.location)].map(terminalSafe);
  });
  const cols = header.map((h, i) => {
    let max = h.length;
    for (const r of rows) max = Math.max(max, [...r[i]!].length);
    return widths[i] ? Math.min(max, widths[i]!) : max;
  });
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? fit(cell, cols[i]!) : fit(cell, cols[i]!).padEnd(cols[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(header), ...rows.map(line)];
  out.push('');
  const files = inv.sources.length;
  out.push(
    `${inv.components.length} component${inv.components.length === 1 ? '' : 's'}, ${inv.services.length} service${inv.services.length === 1 ? '' : 's'}, ` +
      `${inv.dependencies.length} dependency edge${inv.dependencies.length === 1 ? '' : 's'} from ${files} document${files === 1 ? '' : 's'}` +
      (inv.errors.length ? `; ${inv.errors.length} input error${inv.errors.length === 1 ? '' : 's'} (see stderr)` : ''),
  );
  return `${out.join('\n')}\n`;
}

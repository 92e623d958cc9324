/**
 * Asset lists as CSV, as procurement and IT teams export them from spreadsheets and CMDBs: one
 * device per row, columns found by their header names (English and common variants, a few other
 * languages), or named by the user (`--columns manufacturer=Make,model=Model`). UTF-8 with or
 * without a byte-order mark; `,`, `;` or tab; quoted fields. Each row becomes a `device`
 * component located at its line. A bad row is reported with its line and column and left out;
 * the good rows still go through.
 */
import { InputError } from '../errors.js';
import type { ComponentType, InputIssue, Location, Party, Property } from '../model.js';
import { newComponent, setPurl } from './component.js';
import { type CsvRecord, parseCsv, sniffSeparator } from './csv-parse.js';
import { armCode, hex4, osReleaseId } from './hardware.js';
import { checkComponentCount, MAX_STRING } from './limits.js';
import type { DocumentReader, DocumentResult, ReadContext } from './types.js';

/** The columns an asset list can have, and what each becomes. */
export const CSV_FIELDS = [
  'manufacturer',
  'supplier',
  'model',
  'partNumber',
  'serial',
  'quantity',
  'location',
  'name',
  'type',
  'version',
  'mac',
  'pciVendor',
  'usbVendor',
  'cpuVendor',
  'os',
  'purl',
  'cpe',
] as const;
/**
 * A field of a CSV asset list that wherefrom reads (manufacturer, model, serial...).
 */
export type CsvField = (typeof CSV_FIELDS)[number];

/** Header names per field, normalised (lower case, letters and digits only). */
const HEADERS: Record<CsvField, string[]> = {
  manufacturer: [
    'manufacturer', 'manufacturername', 'brandname', 'mfr', 'mfg', 'mfgr', 'make', 'brand', 'vendor', 'vendorname', 'maker', 'oem',
    'producer', 'hersteller', 'fabricant', 'fabricante', 'produttore', 'fabrikant', 'tillverkare', 'valmistaja',
    'producent', 'производитель', '制造商', '厂商', '厂家', '生产厂家', '品牌', 'メーカー', '製造元', '제조사',
  ],
  supplier: ['supplier', 'suppliername', 'reseller', 'distributor', 'lieferant', 'fournisseur', 'proveedor', 'fornecedor', 'поставщик', '供应商'],
  model: [
    'model', 'modelname', 'modelnumber', 'modelno', 'product', 'productname', 'devicemodel', 'hardwaremodel', 'modell',
    'modèle', 'modele', 'modelo', 'modello', 'модель', '型号', '型番', '모델',
  ],
  partNumber: ['partnumber', 'partno', 'itemcode', 'itemnumber', 'pn', 'mpn', 'manufacturerpartnumber', 'sku', 'productnumber', 'articlenumber', 'artikelnummer', 'teilenummer', 'référence', 'reference'],
  serial: ['serial', 'serialnumber', 'serialno', 'sn', 'servicetag', 'seriennummer', 'numérodesérie', 'numerodeserie', 'númerodeserie', 'серийныйномер', '序列号', 'シリアル番号', '시리얼번호'],
  quantity: ['quantity', 'qty', 'count', 'units', 'menge', 'anzahl', 'quantité', 'quantite', 'cantidad', 'quantidade', 'количество', '数量'],
  location: ['location', 'site', 'room', 'rack', 'building', 'datacenter', 'datacentre', 'standort', 'emplacement', 'ubicación', 'ubicacion', 'расположение', '位置'],
  name: ['name', 'assetname', 'asset', 'assettag', 'assetid', 'hostname', 'devicename', 'item', 'itemname', 'description', 'bezeichnung'],
  type: ['type', 'category', 'assettype', 'devicetype', 'class', 'kind', 'typ', 'kategorie'],
  version: ['version', 'firmware', 'firmwareversion', 'fwversion', 'revision', 'hwrevision'],
  mac: ['mac', 'macaddress', 'macaddr', 'hwaddress', 'ethernetaddress'],
  pciVendor: ['pcivendor', 'pcivendorid'],
  usbVendor: ['usbvendor', 'usbvendorid', 'vid'],
  cpuVendor: ['cpuvendor', 'cpuvendorid'],
  os: ['os', 'operatingsystem', 'osid'],
  purl: ['purl', 'packageurl'],
  cpe: ['cpe', 'cpe23'],
};

const BY_HEADER = new Map<string, CsvField>();
for (const f of CSV_FIELDS) for (const h of HEADERS[f]) BY_HEADER.set(h, f);

/** A header as compared: lower case, letters and digits only (`Serial No.` → `serialno`). */
export function headerKey(h: string): string {
  return h.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Column choices the user made: field → header name as written in the file. */
export type CsvColumns = Partial<Record<CsvField, string>>;

/**
 * Parses `manufacturer=Make,model=Model` (the `--columns` option).
 * @throws Error naming the bad part
 */
export function parseCsvColumns(spec: string): CsvColumns {
  const out: CsvColumns = {};
  for (const part of spec.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const eq = part.indexOf('=');
    const field = eq > 0 ? part.slice(0, eq).trim() : '';
    const header = eq > 0 ? part.slice(eq + 1).trim() : '';
    if (!(CSV_FIELDS as readonly string[]).includes(field) || header === '') {
      throw new Error(`--columns: ${JSON.stringify(part)} is not FIELD=HEADER with FIELD one of ${CSV_FIELDS.join(', ')}`);
    }
    out[field as CsvField] = header;
  }
  return out;
}

/** Which column index holds which field; undefined fields are absent. */
type ColumnMap = Partial<Record<CsvField, number>>;

function mapColumns(header: string[], columns: CsvColumns | undefined): { map: ColumnMap; missing: string[] } {
  const map: ColumnMap = {};
  const keys = header.map(headerKey);
  const missing: string[] = [];
  const chosen = new Set<number>();
  for (const [field, name] of Object.entries(columns ?? {}) as [CsvField, string][]) {
    const i = keys.indexOf(headerKey(name));
    if (i < 0) missing.push(`${field}=${name}`);
    else {
      map[field] = i;
      chosen.add(i);
    }
  }
  keys.forEach((k, i) => {
    const f = BY_HEADER.get(k);
    if (f !== undefined && map[f] === undefined && !chosen.has(i)) map[f] = i;
  });
  return { map, missing };
}

/** Whether a header row names a device: a maker column and a model, part number or serial column. */
function looksLikeAssetList(map: ColumnMap): boolean {
  return map.manufacturer !== undefined && (map.model !== undefined || map.partNumber !== undefined || map.serial !== undefined || map.name !== undefined);
}

/** The first line of a text (for sniffing). */
function firstLine(text: string): string {
  const end = text.search(/\r|\n/);
  return end < 0 ? text : text.slice(0, end);
}

/** Whether a text's first line is the header of an asset list (optionally with user-named columns). */
export function sniffAssetList(head: string, columns?: CsvColumns): boolean {
  const line = firstLine(head);
  if (line.length > 8192 || line.startsWith('{') || line.startsWith('<')) return false;
  const { records } = parseCsv(line, sniffSeparator(line));
  const header = records[0]?.fields;
  if (!header || header.length < 2) return false;
  const { map, missing } = mapColumns(header, columns);
  return missing.length === 0 && looksLikeAssetList(map);
}

const TYPES: Record<string, ComponentType> = {
  firmware: 'firmware',
  bios: 'firmware',
  uefi: 'firmware',
  software: 'application',
  application: 'application',
  os: 'operating-system',
  operatingsystem: 'operating-system',
  driver: 'device-driver',
};

/** A header name for a message: quoted, and clipped (a hostile header can be megabytes long). */
function quoted(h: string): string {
  return JSON.stringify(h.length > 200 ? `${h.slice(0, 200)}…` : h);
}

const EXPECTED_HEADER = 'a header row with a manufacturer (or vendor, make, brand) column and a model, part number, serial or name column, or --columns';

/** Reads an asset list. `columns` are the user's choices of header names. */
export function readAssetList(text: string, file: string, ctx: ReadContext, columns?: CsvColumns): DocumentResult & { issues: InputIssue[] } {
  const { records, problems, separator } = parseCsv(text);
  const issues: InputIssue[] = problems.map((p) => new InputError('MALFORMED_CSV', p.message, { file, line: p.line, column: p.column }, p.expected).toIssue());
  const header = records[0];
  if (!header || (header.line !== 1 && problems.some((p) => p.line < header.line))) {
    throw new InputError('MALFORMED_CSV', 'no header row could be read', { file, line: problems[0]?.line ?? 1, column: problems[0]?.column ?? 1 }, EXPECTED_HEADER);
  }
  const { map, missing } = mapColumns(header.fields, columns);
  if (missing.length > 0) {
    throw new InputError('UNKNOWN_COLUMNS', `--columns names columns the header does not have: ${missing.join(', ')} (the header has ${header.fields.map(quoted).join(', ')})`, { file, line: header.line }, 'header names as written in the file');
  }
  if (!looksLikeAssetList(map)) {
    throw new InputError('UNKNOWN_FORMAT', `a CSV file, but its header (${header.fields.slice(0, 12).map(quoted).join(', ')}) names no manufacturer and model column`, { file, line: header.line }, EXPECTED_HEADER);
  }
  const mapped = new Set(Object.values(map));
  // Every record starts on a line of its own, so `row-LINE` refs (and ids) are unique.
  const components = [];
  for (const record of records.slice(1)) {
    checkComponentCount(components.length + 1, { file, line: record.line });
    const row = readRow(record, header.fields, map, mapped, file, ctx);
    if ('issue' in row) {
      issues.push(row.issue);
      continue;
    }
    if (row.component === undefined) continue; // an empty row
    components.push(row.component);
  }
  return {
    source: {
      file,
      format: 'csv',
      encoding: 'csv',
      specVersion: separator === '\t' ? 'tab-separated' : `${separator}-separated`,
      tools: [],
      parties: [],
      componentCount: components.length,
      serviceCount: 0,
    },
    components,
    services: [],
    dependencies: [],
    issues,
  };
}

function readRow(
  record: CsvRecord,
  header: string[],
  map: ColumnMap,
  mapped: Set<number>,
  file: string,
  ctx: ReadContext,
): { component?: ReturnType<typeof newComponent> } | { issue: InputIssue } {
  const f = record.fields;
  const loc: Location = { file, line: record.line };
  if (f.every((v) => v.trim() === '')) return {};
  const bad = (message: string, expected: string, column?: number) =>
    ({ issue: new InputError('MALFORMED_CSV', message, column === undefined ? loc : { ...loc, column }, expected).toIssue() }) as const;
  if (f.length > header.length && f.slice(header.length).some((v) => v.trim() !== '')) {
    return bad(`the row has ${f.length} fields but the header has ${header.length} (an unquoted separator inside a value?)`, `${header.length} fields, values that contain the separator in double quotes`);
  }
  /** A cell, cut to MAX_STRING with a located warning (like every other reader's fields). */
  const cell = (i: number): string => {
    const v = (f[i] ?? '').trim();
    if (v.length <= MAX_STRING) return v;
    ctx.diagnostics.add('TRUNCATED_VALUE', `value of ${v.length} characters cut to ${MAX_STRING}`, at(record, i, file));
    return v.slice(0, MAX_STRING);
  };
  const get = (field: CsvField): string | undefined => {
    const i = map[field];
    if (i === undefined) return undefined;
    const v = cell(i);
    return v === '' ? undefined : v;
  };
  const manufacturer = get('manufacturer');
  const model = get('model');
  const partNumber = get('partNumber');
  const serial = get('serial');
  const assetName = get('name');
  const name = model ?? partNumber ?? assetName ?? serial;
  if (manufacturer === undefined && name === undefined) {
    return bad('the row has neither a manufacturer nor a model, part number, name or serial', 'a manufacturer, model, part number, name or serial on every row');
  }
  let quantity: number | undefined;
  const q = get('quantity');
  if (q !== undefined) {
    quantity = Number(q.replace(/[\s'’]/g, ''));
    if (!Number.isFinite(quantity) || quantity < 0) {
      return bad(`quantity ${JSON.stringify(q)} is not a number`, 'a whole number of units, or an empty cell', record.starts[map.quantity!]?.[1]);
    }
  }
  const typeText = get('type');
  const type = (typeText !== undefined ? TYPES[headerKey(typeText)] : undefined) ?? 'device';
  const ref = `row-${record.line}`;
  const parties: Party[] = [];
  if (manufacturer !== undefined) parties.push({ role: 'manufacturer', kind: 'organization', name: manufacturer, urls: [], location: at(record, map.manufacturer!, file) });
  const supplier = get('supplier');
  if (supplier !== undefined) parties.push({ role: 'supplier', kind: 'organization', name: supplier, urls: [], location: at(record, map.supplier!, file) });
  const properties: Property[] = [];
  header.forEach((h, i) => {
    if (mapped.has(i) || h.trim() === '') return;
    const v = cell(i);
    if (v !== '') properties.push({ name: `csv:${h.trim().slice(0, MAX_STRING)}`, value: v });
  });
  const cpe = get('cpe');
  const c = newComponent(`${file}#${ref}`, ref, name ?? manufacturer!, type, loc, ctx.sourceIndex, { parties, properties, cpes: cpe ? [cpe] : [] });
  if (cpe) c.cpe = cpe;
  const version = get('version');
  if (version !== undefined) c.version = version;
  if (assetName !== undefined && assetName !== name) c.description = assetName;
  setPurl(c, get('purl'), loc, ctx.diagnostics);
  const hw: NonNullable<typeof c.hardware> = {};
  if (model !== undefined) hw.model = model;
  if (partNumber !== undefined) hw.partNumber = partNumber;
  if (serial !== undefined) hw.serialNumber = serial;
  if (quantity !== undefined) hw.quantity = quantity;
  const site = get('location');
  if (site !== undefined) hw.site = site;
  const macs = get('mac')?.split(/[\s,;|]+/).filter((m) => m !== '');
  if (macs && macs.length > 0) hw.macAddresses = macs;
  const pci = hex4(get('pciVendor'));
  if (pci) hw.pci = { vendor: pci };
  const usb = hex4(get('usbVendor'));
  if (usb) hw.usb = { vendor: usb };
  const cpu = get('cpuVendor');
  if (cpu !== undefined) hw.cpu = armCode(cpu) !== undefined && /^0x/i.test(cpu) ? { implementer: armCode(cpu)! } : { vendorId: cpu };
  const os = osReleaseId(get('os'));
  if (os !== undefined) hw.osId = os;
  if (Object.keys(hw).length > 0) c.hardware = hw;
  return { component: c };
}

/** Where a field of a record starts. */
function at(record: CsvRecord, index: number, file: string): Location {
  const [line, column] = record.starts[index] ?? [record.line, 1];
  return { file, line, column };
}

/** The CSV asset-list reader (for sniffing in directories: only files whose header names a maker and a model). */
export const csvAssetReader: DocumentReader = {
  name: 'csv-asset-list',
  format: 'csv',
  encoding: 'csv',
  sniff: (head) => sniffAssetList(head),
  read(input, ctx) {
    const r = readAssetList(input.text, input.file, ctx, ctx.csvColumns);
    input.text = '';
    return r;
  },
};

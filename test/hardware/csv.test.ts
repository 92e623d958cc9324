/**
 * CSV asset lists (fixtures/csv, hand-made in the shapes spreadsheets and CMDBs export): header
 * detection in English and German, `;` and `,`, quoted fields with separators and line breaks,
 * a byte-order mark, `--columns`, and bad rows that are reported with their line while the good
 * rows go through.
 */
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/ingest/normalize.js';
import { parseCsv, sniffSeparator } from '../../src/ingest/csv-parse.js';
import { parseCsvColumns, readAssetList, sniffAssetList } from '../../src/ingest/csv.js';
import { inventory } from '../../src/ingest/index.js';
import { cli, inputError, ROOT } from '../helpers.js';

const ctx = () => ({ sourceIndex: 0, diagnostics: new Diagnostics() });

describe('the CSV tokenizer', () => {
  it('reads quoted fields with separators, doubled quotes and line breaks, and keeps each record\'s line', () => {
    const { records, problems } = parseCsv('a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\nlast,,\n');
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { fields: ['a', 'b', 'c'], line: 1, starts: [[1, 1], [1, 3], [1, 5]] },
      { fields: ['x, y', 'say "hi"', 'two\r\nlines'], line: 2, starts: [[2, 1], [2, 8], [2, 21]] },
      { fields: ['last', '', ''], line: 4, starts: [[4, 1], [4, 6], [4, 7]] },
    ]);
  });

  it('finds the separator from the header line, ignoring quoted ones', () => {
    expect(sniffSeparator('Hersteller;Modell;"a,b,c"\n')).toBe(';');
    expect(sniffSeparator('Make,Model\n')).toBe(',');
    expect(sniffSeparator('Make\tModel\tSerial\n')).toBe('\t');
  });

  it('reports a quote never closed and text after a closing quote, and keeps the other records', () => {
    const { records, problems } = parseCsv('h1,h2\n"ok",x\n"bad"y,z\nfine,1\n"open,2\n');
    expect(records.map((r) => r.fields[0])).toEqual(['h1', 'ok', 'fine']);
    expect(problems).toEqual([
      expect.objectContaining({ line: 3, column: 6, message: 'unexpected "y" after a closing quote' }),
      expect.objectContaining({ line: 5, column: 1, message: 'a quoted field is never closed' }),
    ]);
  });

  // A hang guard, not a timing: a quadratic pass over these takes minutes, a linear one milliseconds.
  it('is linear on hostile input: 200,000 quotes, one enormous field, 50,000 separators', { timeout: 15_000 }, () => {
    // An opening quote, 99,999 doubled quotes and a closing one: one field of 99,999 quotes.
    expect(parseCsv('"'.repeat(200_000)).records[0]!.fields[0]!.length).toBe(99_999);
    expect(parseCsv('"'.repeat(200_001)).problems).toEqual([expect.objectContaining({ line: 1, column: 1, message: 'a quoted field is never closed' })]);
    expect(parseCsv(`a,b\n"${'x'.repeat(2_000_000)}",1\n`).records[1]!.fields[0]!.length).toBe(2_000_000);
    expect(parseCsv(`${','.repeat(50_000)}\n`).records[0]!.fields).toHaveLength(50_001);
  });
});

describe('CSV asset lists', () => {
  it('reads an English export: BOM, CRLF, header variants, quoted values, quantities and sites', async () => {
    const inv = await inventory(['fixtures/csv/assets-en.csv'], { cwd: ROOT });
    expect(inv.errors).toEqual([]);
    expect(inv.sources[0]).toMatchObject({ format: 'csv', encoding: 'csv', specVersion: ',-separated', componentCount: 6 });
    const [cisco, hik] = inv.components;
    expect(cisco).toMatchObject({
      id: 'fixtures/csv/assets-en.csv#row-2',
      type: 'device',
      name: 'Catalyst 9300-48P',
      description: 'A-1001',
      parties: [{ role: 'manufacturer', kind: 'organization', name: 'Cisco Systems', location: { file: 'fixtures/csv/assets-en.csv', line: 2, column: 8 } }],
      hardware: { model: 'Catalyst 9300-48P', partNumber: 'C9300-48P-A', serialNumber: 'FOC2233X0AB', quantity: 2, site: 'DC1, Rack 4' },
      properties: [{ name: 'csv:Notes', value: 'core' }],
      location: { file: 'fixtures/csv/assets-en.csv', line: 2 },
    });
    expect(hik!.properties).toEqual([{ name: 'csv:Notes', value: 'cameras, ground floor\r\nsecond line of the note' }]);
    // The record after a two-line field starts on the line after it.
    expect(inv.components[2]!.location.line).toBe(5);
    expect(inv.components.map((c) => c.hardware?.quantity)).toEqual([2, 14, 1, 2, 120, 5]);
  });

  it('reads a German export with ; and recognises its headers', async () => {
    const inv = await inventory(['fixtures/csv/assets-de.csv'], { cwd: ROOT });
    expect(inv.errors).toEqual([]);
    expect(inv.sources[0]!.specVersion).toBe(';-separated');
    expect(inv.components.map((c) => [c.parties[0]?.name, c.name, c.hardware?.site])).toEqual([
      ['Siemens', 'SIMATIC S7-1500', 'Halle 2'],
      ['ZTE', 'ZXR10 5960', 'Serverraum'],
      ['Hanwha Vision', 'XNO-6080R', 'Parkplatz; Nord'],
    ]);
  });

  it('bad rows get a located error each; the good rows still go through; exit 2', async () => {
    const r = await cli(['scan', '--format', 'json', 'fixtures/csv/assets-broken.csv']);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as { components: { name: string; attribution: { org: { id: string } } | null }[]; errors: { code: string; location: unknown; message: string }[] };
    expect(report.components.map((c) => [c.name, c.attribution?.org.id])).toEqual([
      ['P3265-LVE', 'axis'],
      ['EG25-G', 'quectel'],
    ]);
    expect(report.errors.map((e) => [e.code, e.location])).toEqual([
      ['MALFORMED_CSV', { file: 'fixtures/csv/assets-broken.csv', line: 4, column: 9 }],
      ['MALFORMED_CSV', { file: 'fixtures/csv/assets-broken.csv', line: 5, column: 22 }],
      ['MALFORMED_CSV', { file: 'fixtures/csv/assets-broken.csv', line: 6 }],
    ]);
    expect(report.errors[0]!.message).toContain('the quoted field opened on line 3, column 1');
    expect(report.errors[1]!.message).toContain('quantity "two" is not a number');
    expect(report.errors[2]!.message).toContain('the row has 6 fields but the header has 4');
    expect(r.stderr).toContain('3 parts of documents (rows) could not be read and were left out; 1 document was read and reported');
  });

  it('--columns names the columns wherefrom does not recognise; a wrong name is a located error', async () => {
    const plain = await cli(['scan', '--format', 'json', 'fixtures/csv/assets-custom.csv']);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('fixtures/csv/assets-custom.csv:1: a CSV file, but its header ("Who Made It", "Thing", "Units") names no manufacturer and model column');
    const named = await cli(['scan', '--format', 'json', '--columns', 'manufacturer=Who Made It,model=thing', '--columns', 'quantity=Units', 'fixtures/csv/assets-custom.csv']);
    expect(named.code).toBe(0);
    const comps = (JSON.parse(named.stdout) as { components: { name: string; hardware: { quantity: number }; attribution: { org: { id: string } } | null }[] }).components;
    // TP-Link is two companies now (Shenzhen and California) under one name: unknown, not guessed.
    expect(comps.map((c) => [c.name, c.hardware.quantity, c.attribution?.org.id ?? null])).toEqual([
      ['Archer AX55', 3, null],
      ['C9200L', 1, 'cisco'],
    ]);
    const wrong = await cli(['scan', '--columns', 'manufacturer=Maker', 'fixtures/csv/assets-custom.csv']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--columns names columns the header does not have: manufacturer=Maker');
    const bad = await cli(['scan', '--columns', 'colour=Red', 'fixtures/csv/assets-custom.csv']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"colour=Red" is not FIELD=HEADER');
  });

  it('in a directory, only CSV files whose header names a maker and a model are read', async () => {
    const inv = await inventory(['fixtures/csv'], { cwd: ROOT });
    expect(inv.sources.map((s) => s.file)).toEqual(['fixtures/csv/assets-broken.csv', 'fixtures/csv/assets-de.csv', 'fixtures/csv/assets-en.csv']);
    expect(sniffAssetList('id,colour,size\n1,red,big\n')).toBe(false);
    expect(sniffAssetList('Vendor,Part Number\n')).toBe(true);
    expect(sniffAssetList('{"Vendor":1,"Model":2}')).toBe(false);
  });

  it('hostile input: __proto__ headers and values stay data, huge values are cut, a header-only file has no rows', () => {
    const r = readAssetList(`Manufacturer,Model,__proto__,constructor\nCisco,"${'x'.repeat(100_000)}",{"polluted":1},y\n`, 'h.csv', ctx());
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.components[0]!.properties).toEqual([{ name: 'csv:__proto__', value: '{"polluted":1}' }, { name: 'csv:constructor', value: 'y' }]);
    expect(r.components[0]!.name.length).toBe(64 * 1024);
    expect(readAssetList('Manufacturer,Model\n', 'h.csv', ctx()).components).toEqual([]);
    const e = inputError(() => readAssetList('"Manufacturer,Model\n', 'h.csv', ctx()));
    expect(e.message).toBe('h.csv:1:1: no header row could be read (expected a header row with a manufacturer (or vendor, make, brand) column and a model, part number, serial or name column, or --columns)');
  });

  it('parses --columns', () => {
    expect(parseCsvColumns('manufacturer=Make, model = Model ,serial=S/N')).toEqual({ manufacturer: 'Make', model: 'Model', serial: 'S/N' });
    expect(() => parseCsvColumns('make')).toThrow('is not FIELD=HEADER');
  });
});

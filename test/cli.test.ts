import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../src/model.js';
import { cli } from './helpers.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'wherefrom-cli-'));
const cdx = (components: unknown[]) => JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components });
const json = (stdout: string) => JSON.parse(stdout) as Inventory;

describe('CLI basics', () => {
  it('--help lists the inventory command and the exit codes, exit 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wherefrom inventory');
    expect(r.stdout).toContain('Exit codes: 0 clean, 1 policy findings, 2 usage or input error, 3 internal error');
  });

  it('--version prints the package version', async () => {
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it.each([
    [['frobnicate'], 'Unknown argument'],
    [[], 'Name a command'],
    [['inventory'], 'Not enough non-option arguments'],
    [['inventory', 'x.json', '--format', 'yaml'], 'Invalid values'],
    [['inventory', 'x.json', '--no-such-flag'], 'Unknown argument'],
  ])('usage error %j → exit 2 with a message', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });
});

describe('inventory: formats and outputs', () => {
  const file = 'fixtures/corpus/cyclonedx-bom-examples/HBOM__PCIe-SATA-adapter-board__bom.json';

  it('json is the default when stdout is not a terminal; table when it is', async () => {
    const piped = await cli(['inventory', file]);
    expect(json(piped.stdout).components).toHaveLength(6);
    const tty = await cli(['inventory', file], { stdoutIsTTY: true });
    expect(tty.stdout.split('\n')[0]).toMatch(/^NAME\s+VERSION\s+TYPE\s+SUPPLIER \/ AUTHOR\s+LICENCE\s+FOUND AT$/);
    expect(tty.stdout).toContain('PCIE-098-02-F-D-EMS2');
    expect(tty.stdout).toContain('Samtec');
    expect(tty.stdout).toContain('6 components, 0 services, 0 dependency edges from 1 document');
  });

  it('csv: a header and one row per component, with the location', async () => {
    const r = await cli(['inventory', '--format', 'csv', file]);
    const lines = r.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,source,location,type,group,name,version,purl,cpe,supplier,manufacturer,author,publisher,originator,licenses,sha256,scope,flags,registry,parent');
    expect(lines).toHaveLength(7);
    expect(lines[1]).toContain(`${file}#/components/0`);
    expect(lines[1]).toContain(',device,,PCIE-098-02-F-D-EMS2,2.9.10,');
  });

  it('--output writes the report to a file and nothing to stdout', async () => {
    const dir = tmp();
    const r = await cli(['inventory', '--format', 'json', '--output', path.join(dir, 'inv.json'), file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(json(readFileSync(path.join(dir, 'inv.json'), 'utf8')).components).toHaveLength(6);
  });

  it('- reads standard input, recognised by content', async () => {
    const r = await cli(['inventory', '-'], { stdin: cdx([{ name: 'from-stdin', purl: 'pkg:npm/from-stdin@1.0.0' }]) });
    expect(r.code).toBe(0);
    const inv = json(r.stdout);
    expect(inv.components[0]).toMatchObject({ id: '-#pkg:npm/from-stdin@1.0.0', name: 'from-stdin', location: { file: '-', pointer: '/components/0' } });
  });

  it('SBOM strings cannot reach the terminal as escape sequences, nor a spreadsheet as formulas', async () => {
    const dir = tmp();
    const f = path.join(dir, 'evil.json');
    writeFileSync(f, cdx([{ name: 'evil\u001b[2J\u001b]0;pwned\u0007', version: '=HYPERLINK("http://x")' }]));
    const table = await cli(['inventory', '--format', 'table', f]);
    expect(table.stdout).not.toContain('\u001b');
    expect(table.stdout).toContain('evil\\u001b[2J');
    const csv = await cli(['inventory', '--format', 'csv', f]);
    expect(csv.stdout).toContain(`"'=HYPERLINK(""http://x"")"`);
  });

  it('shows progress on stderr only when stderr is a terminal', async () => {
    const dir = 'fixtures/corpus/spdx-examples';
    const quiet = await cli(['inventory', '--format', 'json', dir]);
    expect(quiet.stderr).toBe('');
    const tty = await cli(['inventory', '--format', 'json', dir], { stderrIsTTY: true });
    expect(tty.stderr).toMatch(/\[1\/\d+\] fixtures\/corpus\/spdx-examples\//);
  });
});

describe('inventory: bad input, one case each', () => {
  const one = async (content: string | Buffer, name = 'input.json') => {
    const dir = tmp();
    const f = path.join(dir, name);
    writeFileSync(f, content);
    const r = await cli(['inventory', '--format', 'json', f]);
    return { ...r, inv: json(r.stdout), file: f };
  };

  it('a missing file', async () => {
    const r = await cli(['inventory', '--format', 'json', 'no/such/file.json']);
    expect(r.code).toBe(2);
    expect(json(r.stdout).errors[0]).toMatchObject({ code: 'NOT_FOUND', location: { file: 'no/such/file.json' } });
    expect(r.stderr).toContain('error: no/such/file.json: no such file or directory');
  });

  it('an empty file', async () => {
    const r = await one('');
    expect(r.code).toBe(2);
    expect(r.inv.errors[0]).toMatchObject({ code: 'EMPTY_FILE', location: { file: r.file } });
  });

  it('a file of white space', async () => {
    expect((await one('  \n\n\t ')).inv.errors[0]!.code).toBe('EMPTY_FILE');
  });

  it('a binary file', async () => {
    const r = await one(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'image.json');
    expect(r.code).toBe(2);
    expect(r.inv.errors[0]).toMatchObject({ code: 'BINARY_FILE', location: { offset: 8 } });
  });

  it('bytes that are not UTF-8', async () => {
    const head = '{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"name":"caf';
    const r = await one(Buffer.concat([Buffer.from(head), Buffer.from([0xe9, 0x22, 0x7d, 0x5d, 0x7d])]));
    expect(r.inv.errors[0]).toMatchObject({ code: 'BINARY_FILE', location: { offset: head.length } });
    expect(r.inv.errors[0]!.message).toContain('invalid byte 0xe9');
  });

  it('JSON that is not a bill of materials', async () => {
    const r = await one('{"name":"my-package","version":"1.0.0"}');
    expect(r.code).toBe(2);
    expect(r.inv.errors[0]).toMatchObject({ code: 'UNKNOWN_FORMAT', location: { pointer: '' } });
    expect(r.inv.errors[0]!.expected).toContain('CycloneDX');
  });

  it('text that is not a bill of materials', async () => {
    expect((await one('hello: world\n', 'notes.txt')).inv.errors[0]!.code).toBe('UNKNOWN_FORMAT');
  });

  it('truncated CycloneDX JSON', async () => {
    const text = '{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"name":"a"},';
    const r = await one(text);
    expect(r.inv.errors[0]).toMatchObject({ code: 'MALFORMED_JSON', location: { line: 1, column: text.length + 1, offset: text.length } });
    expect(r.inv.errors[0]!.message).toContain('truncated');
  });

  it('malformed JSON in the middle names the spot and what was expected', async () => {
    const r = await one('{\n "bomFormat": "CycloneDX",\n "specVersion": "1.6",\n "components": [ {"name" "a"} ]\n}');
    expect(r.inv.errors[0]).toMatchObject({ code: 'MALFORMED_JSON', location: { line: 4, column: 26 }, expected: '":" after the property name' });
  });

  it('trailing garbage after the JSON document', async () => {
    const doc = '{"bomFormat":"CycloneDX","specVersion":"1.6","components":[]}';
    const r = await one(`${doc}\n}garbage`);
    expect(r.inv.errors[0]).toMatchObject({ code: 'TRAILING_DATA', location: { line: 2, column: 1, offset: doc.length + 1 } });
  });

  it('an unsupported spec version', async () => {
    const r = await one('{"bomFormat":"CycloneDX","specVersion":"3.1","components":[]}');
    expect(r.inv.errors[0]).toMatchObject({ code: 'UNSUPPORTED_VERSION', location: { pointer: '/specVersion' } });
  });

  it('malformed XML', async () => {
    const r = await one('<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.5">\n  <components>\n    <component type="library"><name>a</nam></component>\n', 'bom.xml');
    expect(r.inv.errors[0]).toMatchObject({ code: 'MALFORMED_XML', location: { line: 4 } });
  });

  it('SPDX RDF/XML is named and refused', async () => {
    const r = await one('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:spdx="http://spdx.org/rdf/terms#"><spdx:SpdxDocument/></rdf:RDF>', 'doc.rdf');
    expect(r.inv.errors[0]!.code).toBe('UNKNOWN_FORMAT');
    expect(r.inv.errors[0]!.message).toContain('SPDX RDF/XML');
  });

  it('a UTF-16 file with a byte-order mark is read', async () => {
    const text = cdx([{ name: 'wide' }]);
    const r = await one(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(r.code).toBe(0);
    expect(r.inv.components[0]!.name).toBe('wide');
  });

  it('a UTF-8 byte-order mark is skipped', async () => {
    const r = await one(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(cdx([{ name: 'bom' }]))]));
    expect(r.inv.components[0]!.name).toBe('bom');
  });
});

describe('inventory: warnings', () => {
  it('are summarised on stderr as one line per kind, with a count and the first; all are in the JSON', async () => {
    const dir = tmp();
    const f = path.join(dir, 'odd.json');
    writeFileSync(
      f,
      cdx([
        { name: 'a', licenses: [{ expression: 'MIT, BSD' }] },
        { name: 'b', licenses: [{ expression: 'GPL or whatever' }], purl: 'pkg:' },
        { name: 'c', licenses: [{ license: { id: 'Not-A-Licence' } }] },
      ]),
    );
    const r = await cli(['inventory', '--format', 'json', f]);
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('4 warnings (all of them are under "diagnostics" in --format json):');
    expect(lines[1]).toBe(`  warning: INVALID_LICENSE ×3, first: ${f}#/components/0/licenses/0: not a valid SPDX licence expression: "MIT, BSD"`);
    expect(lines[2]).toMatch(/^ {2}warning: INVALID_PURL: .*#\/components\/1: not a valid package URL: "pkg:"/);
    expect(json(r.stdout).diagnostics).toHaveLength(4);
  });
});

describe('inventory: directories', () => {
  it('a file named twice, or named and inside a named directory, is read once', async () => {
    const f = 'fixtures/corpus/spdx-examples/software__example1__spdx2.2__example1.spdx';
    const r = await cli(['inventory', '--format', 'json', f, './' + f, 'fixtures/corpus/spdx-examples']);
    const inv = json(r.stdout);
    expect(inv.sources.filter((s) => s.file.endsWith('example1.spdx'))).toHaveLength(1);
    expect(new Set(inv.components.map((c) => c.id)).size).toBe(inv.components.length);
  });

  it('walks a directory: SBOMs by content whatever their names, bad files listed, the rest read, exit 2', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'a.txt'), cdx([{ name: 'in-a-txt-file' }]));
    writeFileSync(path.join(dir, 'broken.cdx.json'), '{"bomFormat":"CycloneDX","specVersion":"1.6","components":[');
    writeFileSync(path.join(dir, 'notes.md'), '# not an SBOM\n');
    writeFileSync(path.join(dir, 'tsconfig.json'), '{"compilerOptions":{}}');
    writeFileSync(path.join(dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    writeFileSync(path.join(dir, 'empty.json'), '');
    writeFileSync(
      path.join(dir, 'z.spdx'),
      readFileSync(new URL('../fixtures/corpus/spdx-examples/software__example6__spdx2.2__example6-lib.spdx', import.meta.url)),
    );
    const r = await cli(['inventory', '--format', 'json', dir]);
    expect(r.code).toBe(2);
    const inv = json(r.stdout);
    expect(inv.sources.map((s) => path.basename(s.file))).toEqual(['a.txt', 'z.spdx']);
    expect(inv.components.map((c) => c.name)).toContain('in-a-txt-file');
    expect(inv.errors.map((e) => [path.basename(e.location.file), e.code])).toEqual([['broken.cdx.json', 'MALFORMED_JSON']]);
    expect(r.stderr).toContain('1 input could not be read');
  });
});

#!/usr/bin/env node
// Compiles the hardware id registries into data/hwids/: pci.ids and usb.ids (vendor and device
// names) and the IEEE MAC address block registries (MA-L, MA-M, MA-S and the older IAB: prefix →
// registrant name). Run it by hand when the registries are updated:
//
//   node scripts/import-hwids.mjs --pci /usr/share/misc/pci.ids --usb /var/lib/usbutils/usb.ids \
//     --ieee /usr/share/ieee-data --pci-via "Debian pci.ids 0.0~2023.04.11-1" ...
//
// Needs `npm run build` first (it uses the library's CSV parser). Nothing here reaches the network; the files come from Debian's pci.ids, usb.ids and ieee-data
// packages. Subsystem lines and the class lists are left out; so are registrant addresses (a
// registrant's address is never an organisation's country, and is not needed to find it).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseCsv } from '../dist/internal.js';

const { values: args } = parseArgs({
  options: {
    pci: { type: 'string' },
    usb: { type: 'string' },
    ieee: { type: 'string' },
    'pci-via': { type: 'string', default: '' },
    'usb-via': { type: 'string', default: '' },
    'ieee-via': { type: 'string', default: '' },
    out: { type: 'string' },
  },
});
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = args.out ?? path.join(root, 'data', 'hwids');
mkdirSync(outDir, { recursive: true });

/** pci.ids / usb.ids: `vendor  name`, `\tdevice  name`; stops at the class lists (`C xx`). */
function parseIds(text) {
  const vendors = {};
  const devices = {};
  let vendor;
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    let m = /^([0-9a-f]{4}) {2}(.+)$/.exec(line);
    if (m) {
      vendor = m[1];
      vendors[vendor] = m[2].trim();
      continue;
    }
    if (/^[A-Z]+ /.test(line)) break; // classes, HID usages... after the vendors
    m = /^\t([0-9a-f]{4}) {2}(.+)$/.exec(line);
    if (m && vendor) (devices[vendor] ??= {})[m[1]] = m[2].trim();
  }
  return { vendors, devices };
}

function header(text, name) {
  const version = /^#\s*Version:\s*(\S+)/m.exec(text)?.[1];
  const date = /^#\s*Date:\s*(\S+)/m.exec(text)?.[1];
  if (!version) throw new Error(`${name}: no Version line`);
  return { version, date };
}

const BSD_OR_GPL = 'BSD-3-Clause OR GPL-2.0-or-later';

/** Compiles one ids file (pci.ids or usb.ids) into data/hwids/OUT with its source header. */
function compileIds(body, out, source) {
  const { version, date } = header(body, source.name);
  const { vendors, devices } = parseIds(body);
  const doc = { source: { name: source.name, url: source.url, version, date, via: source.via, license: BSD_OR_GPL, notice: source.notice }, vendors, devices };
  writeFileSync(path.join(outDir, out), JSON.stringify(doc) + '\n');
  console.log(`${source.name} ${version}: ${Object.keys(vendors).length} vendors, ${Object.values(devices).reduce((n, d) => n + Object.keys(d).length, 0)} devices`);
}

if (args.pci) {
  compileIds(readFileSync(args.pci, 'utf8'), 'pci.json', {
    name: 'pci.ids',
    url: 'https://pci-ids.ucw.cz/',
    via: args['pci-via'],
    notice: 'The PCI ID Repository. Copyright Martin Mares and Albert Pool; a compilation of factual data, distributed under the 3-clause BSD License or the GNU GPL version 2 or later. Subsystem lines and classes left out.',
  });
}

if (args.usb) {
  const text = readFileSync(args.usb, 'latin1'); // usb.ids is not all UTF-8
  const utf8 = Buffer.from(text, 'latin1').toString('utf8');
  compileIds(utf8.includes('\uFFFD') ? text : utf8, 'usb.json', {
    name: 'usb.ids',
    url: 'http://www.linux-usb.org/usb-ids.html',
    via: args['usb-via'],
    notice: 'The Linux USB ID Repository, maintained by Stephen J. Gowdy; distributed under the 3-clause BSD License or the GNU GPL version 2 or later. Interface and class lists left out.',
  });
}

if (args.ieee) {
  const blocks = { 'MA-L': {}, 'MA-M': {}, 'MA-S': {} };
  const files = [
    ['oui.csv', 'MA-L'],
    ['mam.csv', 'MA-M'],
    ['oui36.csv', 'MA-S'],
    ['iab.csv', 'MA-S'],
  ];
  let updated;
  try {
    updated = new Date(Number(readFileSync(path.join(args.ieee, '.lastupdate'), 'utf8').trim()) * 1000).toISOString().slice(0, 10);
  } catch {
    updated = undefined;
  }
  for (const [file, block] of files) {
    const { records, problems } = parseCsv(readFileSync(path.join(args.ieee, file), 'utf8'), ',');
    if (problems.length > 0) throw new Error(`${file}:${problems[0].line}: ${problems[0].message}`);
    for (const { fields, line } of records.slice(1)) {
      const [, assignment, name] = fields;
      if (!assignment || !/^[0-9A-F]+$/i.test(assignment)) throw new Error(`${file}:${line}: bad assignment`);
      blocks[block][assignment.toLowerCase()] = (name ?? '').trim();
    }
  }
  const doc = {
    source: {
      name: 'IEEE Registration Authority: MA-L, MA-M, MA-S and IAB assignments',
      url: 'https://standards.ieee.org/products-programs/regauth/',
      version: updated,
      via: args['ieee-via'],
      notice: 'Public listings of the IEEE Registration Authority. Registrant names only; a registrant is not a country of origin.',
    },
    ...blocks,
  };
  writeFileSync(path.join(outDir, 'oui.json'), JSON.stringify(doc) + '\n');
  console.log(`IEEE ${updated}: ${Object.keys(blocks['MA-L']).length} MA-L, ${Object.keys(blocks['MA-M']).length} MA-M, ${Object.keys(blocks['MA-S']).length} MA-S/IAB`);
}

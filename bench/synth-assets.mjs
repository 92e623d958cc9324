#!/usr/bin/env node
// Writes a realistic N-row CSV asset list (as a CMDB or a procurement spreadsheet exports it):
// node bench/synth-assets.mjs N OUT. Real manufacturers under the names people type (with their
// variants and a few nobody curates), models, serials, quantities, sites with commas, MAC
// addresses, and notes that are quoted and sometimes run over two lines. Deterministic.
import { writeFileSync } from 'node:fs';

const n = Number(process.argv[2] ?? 10_000);
const out = process.argv[3] ?? `assets-${n}.csv`;
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

const MAKERS = [
  ['Cisco Systems', ['Catalyst 9300-48P', 'C9200L-24T', 'ISR4331', 'Meraki MR46']],
  ['Dell Inc.', ['PowerEdge R750', 'PowerEdge R650', 'Latitude 5440', 'OptiPlex 7010']],
  ['HPE', ['ProLiant DL380 Gen10', 'Aruba 6300M']],
  ['Hewlett Packard Enterprise', ['ProLiant DL360 Gen11']],
  ['Lenovo', ['ThinkPad T14', 'ThinkSystem SR650']],
  ['Huawei', ['CloudEngine 6881', 'S5735-L24T4X', 'AR6120']],
  ['Hikvision', ['DS-2CD2143G2-I', 'DS-7608NI-K2']],
  ['Dahua Technology', ['IPC-HFW2431S']],
  ['Supermicro', ['SYS-2029U-TR4', 'SYS-421GE-TNRT']],
  ['Juniper Networks', ['EX4300-48T', 'SRX345']],
  ['Fortinet', ['FortiGate 100F']],
  ['Ubiquiti', ['UniFi U6-Pro']],
  ['Axis Communications', ['P3265-LVE']],
  ['Hanwha Vision', ['XNO-6080R']],
  ['Siemens', ['SIMATIC S7-1500', 'SCALANCE XC208']],
  ['Schneider Electric', ['APC Smart-UPS 3000']],
  ['ZTE', ['ZXR10 5960']],
  ['Apple', ['MacBook Pro 14', 'iPhone 15']],
  ['Samsung Electronics', ['Galaxy S24', '990 PRO 2TB']],
  ['NVIDIA', ['H100 SXM5', 'ConnectX-7']],
  ['Intel', ['X710-DA2', 'E810-XXVDA2']],
  ['Nokia', ['7750 SR-1']],
  ['Ericsson', ['Router 6675']],
  ['Acme Widgets Ltd', ['Gizmo 3000']],
  ['Müller & Söhne GmbH', ['Schaltschrank 42']],
];
const SITES = ['DC1, Rack 4', 'DC1, Rack 5', 'DC2', 'HQ Floor 3', 'Branch "North"', 'Warehouse'];
const rows = ['Asset Tag,Manufacturer,Model,Part Number,Serial Number,Qty,Location,MAC Address,Notes'];
const q = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const hex = (k) => Array.from({ length: k }, () => Math.floor(rand() * 256).toString(16).padStart(2, '0'));
for (let i = 0; i < n; i++) {
  const [maker, models] = pick(MAKERS);
  const model = pick(models);
  const mac = rand() < 0.5 ? ['00', '18', '82', ...hex(3)].join(':') : '';
  const note = rand() < 0.1 ? 'replaced PSU, see ticket\nsecond line' : rand() < 0.3 ? 'reviewed, ok' : '';
  rows.push([`A-${100000 + i}`, maker, model, `PN-${i % 977}`, `SN${(i * 7919).toString(36).toUpperCase()}`, String(1 + Math.floor(rand() * 20)), pick(SITES), mac, note].map(q).join(','));
}
writeFileSync(out, `${rows.join('\r\n')}\r\n`);

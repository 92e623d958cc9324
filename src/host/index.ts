/**
 * The live Linux host as a hardware bill of materials: sysfs and procfs read under a root (`/`,
 * or a captured tree for tests and for hosts examined offline), written as a CycloneDX 1.6 HBOM
 * that `inventory` and `scan` read back like any other.
 *
 * What is read: DMI (system, board, BIOS, chassis) from /sys/class/dmi/id; CPUs from
 * /proc/cpuinfo; PCI devices from /sys/bus/pci/devices (vendor, device, subsystem ids, class);
 * USB devices from /sys/bus/usb/devices (root hubs, which the kernel makes, are left out);
 * network interfaces' MAC addresses from /sys/class/net (locally administered and virtual ones
 * left out: they name no manufacturer), attached to the PCI device they belong to; the operating
 * system from /etc/os-release; optionally the installed Debian packages from /var/lib/dpkg/status.
 * Nothing is executed and nothing leaves the machine. Vendor and device names come from the
 * pci.ids and usb.ids compiled into data/hwids.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { macIsLocal, pciName, usbName } from '../hwids/index.js';
import { armCode, hardwareProperties, hex4, osReleaseId } from '../ingest/hardware.js';
import type { HardwareIds, Property } from '../model.js';

/**
 * Options of {@link hostBom}.
 */
export interface HostOptions {
  /** The root the tree is read under (default `/`). */
  root?: string;
  /** Also list the installed Debian packages (dpkg status). */
  packages?: boolean;
  /** The tool's version, for `metadata.tools`. */
  toolVersion?: string;
}

type Json = Record<string, unknown>;

/** A file's text, trimmed; undefined when absent or unreadable. */
function read(root: string, file: string): string | undefined {
  try {
    const t = readFileSync(path.join(root, file), 'utf8').replace(/\0+$/, '').trim();
    return t === '' ? undefined : t;
  } catch {
    return undefined;
  }
}

function list(root: string, dir: string): string[] {
  try {
    return readdirSync(path.join(root, dir)).sort();
  } catch {
    return [];
  }
}

/** Placeholder strings firmware writers leave in DMI fields. */
const DMI_PLACEHOLDER = /^(?:to be filled by o\.?e\.?m\.?|default string|system manufacturer|system product name|not specified|not applicable|none|n\/a|oem|0+|0123456789|123456789|x+|\s*)$/i;

function dmi(root: string, field: string): string | undefined {
  const v = read(root, `sys/class/dmi/id/${field}`);
  return v !== undefined && !DMI_PLACEHOLDER.test(v) ? v : undefined;
}

/** The PCI class code's top byte, as a function (cdx:device:function). */
const PCI_CLASSES: Record<string, string> = {
  '00': 'unclassified', '01': 'mass storage controller', '02': 'network controller', '03': 'display controller',
  '04': 'multimedia controller', '05': 'memory controller', '06': 'bridge', '07': 'communication controller',
  '08': 'system peripheral', '09': 'input device controller', '0a': 'docking station', '0b': 'processor',
  '0c': 'serial bus controller', '0d': 'wireless controller', '0e': 'intelligent controller',
  '0f': 'satellite communications controller', '10': 'encryption controller', '11': 'signal processing controller',
  '12': 'processing accelerator', '13': 'non-essential instrumentation', '40': 'coprocessor', ff: 'unassigned class',
};

const PCI_ADDRESS = /^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/;

function entity(name: string | undefined): Json | undefined {
  return name === undefined ? undefined : { name };
}

function component(type: string, ref: string, name: string, extra: Json, hw?: HardwareIds, more: Property[] = []): Json {
  const c: Json = { type, 'bom-ref': ref, name, ...extra };
  const properties = [...(hw ? hardwareProperties(hw) : []), ...more];
  if (properties.length > 0) c.properties = properties;
  return c;
}

/** /proc/cpuinfo as blocks of key → value, one per logical processor. */
function cpuinfo(root: string): Record<string, string>[] {
  const text = read(root, 'proc/cpuinfo');
  if (!text) return [];
  return text.split(/\n\s*\n/).map((block) => {
    const r: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const line of block.split('\n')) {
      const i = line.indexOf(':');
      if (i > 0) r[line.slice(0, i).trim()] = line.slice(i + 1).trim();
    }
    return r;
  });
}

/** Arm implementer codes, for a readable name when /proc/cpuinfo gives no model name. */
const ARM_IMPLEMENTERS: Record<string, string> = {
  '0x41': 'Arm', '0x42': 'Broadcom', '0x43': 'Cavium', '0x46': 'Fujitsu', '0x48': 'HiSilicon', '0x4e': 'NVIDIA',
  '0x50': 'Applied Micro', '0x51': 'Qualcomm', '0x53': 'Samsung', '0x56': 'Marvell', '0x61': 'Apple',
  '0x69': 'Intel', '0x6d': 'Microsoft', '0x70': 'Phytium', '0xc0': 'Ampere',
};

function cpus(root: string): Json[] {
  const blocks = cpuinfo(root).filter((b) => b.processor !== undefined);
  if (blocks.length === 0) return [];
  // One component per kind of processor; the quantity is its number of sockets where the kernel
  // says (physical id), else 1; the logical processors are a property.
  const kinds = new Map<string, { b: Record<string, string>; sockets: Set<string>; logical: number }>();
  for (const b of blocks) {
    const key = `${b.vendor_id ?? ''}|${b['model name'] ?? ''}|${b['CPU implementer'] ?? ''}|${b['CPU part'] ?? ''}`;
    const k = kinds.get(key) ?? { b, sockets: new Set<string>(), logical: 0 };
    if (b['physical id'] !== undefined) k.sockets.add(b['physical id']);
    k.logical++;
    kinds.set(key, k);
  }
  let n = 0;
  return [...kinds.values()].map(({ b, sockets, logical }) => {
    const hw: HardwareIds = {};
    const implementer = armCode(b['CPU implementer']);
    const vendorId = b.vendor_id;
    if (vendorId || implementer) {
      hw.cpu = {};
      if (vendorId) hw.cpu.vendorId = vendorId;
      if (implementer) hw.cpu.implementer = implementer;
      if (b['CPU part']) hw.cpu.part = b['CPU part'];
    }
    hw.quantity = Math.max(1, sockets.size);
    const name =
      b['model name'] ?? b['Model Name'] ?? b['cpu model'] ?? (implementer ? `${ARM_IMPLEMENTERS[implementer] ?? `implementer ${implementer}`} CPU part ${b['CPU part'] ?? '?'}` : 'CPU');
    const more: Property[] = [
      { name: 'cdx:device:function', value: 'processor' },
      { name: 'wherefrom:cpu:logicalProcessors', value: String(logical) },
    ];
    if (b['cpu family'] !== undefined) more.push({ name: 'wherefrom:cpu:family', value: b['cpu family'] });
    if (b.model !== undefined) more.push({ name: 'wherefrom:cpu:model', value: b.model });
    return component('device', `cpu:${n++}`, name, {}, hw, more);
  });
}

function pciDevices(root: string, macs: Map<string, string[]>): Json[] {
  return list(root, 'sys/bus/pci/devices')
    .filter((a) => PCI_ADDRESS.test(a))
    .flatMap((address) => {
      const dir = `sys/bus/pci/devices/${address}`;
      const vendor = hex4(read(root, `${dir}/vendor`));
      if (!vendor) return [];
      const device = hex4(read(root, `${dir}/device`));
      const hw: HardwareIds = { pci: { vendor, address } };
      if (device) hw.pci!.device = device;
      const sv = hex4(read(root, `${dir}/subsystem_vendor`));
      const sd = hex4(read(root, `${dir}/subsystem_device`));
      if (sv && sv !== '0000') hw.pci!.subsystemVendor = sv;
      if (sd && sv !== '0000') hw.pci!.subsystemDevice = sd;
      const cls = read(root, `${dir}/class`)?.toLowerCase().replace(/^0x/, '');
      if (cls && /^[0-9a-f]{6}$/.test(cls)) hw.pci!.class = cls;
      const mac = macs.get(address);
      if (mac) hw.macAddresses = mac;
      const names = pciName(vendor, device);
      const name = names?.device ?? `PCI device ${vendor}:${device ?? '?'}`;
      const more: Property[] = [];
      if (cls) more.push({ name: 'cdx:device:function', value: PCI_CLASSES[cls.slice(0, 2)] ?? `class ${cls}` });
      const sub = sv && sv !== vendor ? pciName(sv)?.vendor : undefined;
      if (sub) more.push({ name: 'wherefrom:pci:subsystemVendor', value: sub });
      const extra: Json = {};
      if (names?.vendor) extra.manufacturer = entity(names.vendor);
      const rev = read(root, `${dir}/revision`);
      if (rev) extra.version = rev;
      return [component('device', `pci:${address}`, name, extra, hw, more)];
    });
}

function usbDevices(root: string): Json[] {
  return list(root, 'sys/bus/usb/devices')
    .filter((d) => !d.includes(':')) // interfaces (1-1:1.0) are parts of devices
    .flatMap((d) => {
      const dir = `sys/bus/usb/devices/${d}`;
      const vendor = hex4(read(root, `${dir}/idVendor`));
      if (!vendor) return [];
      // Root hubs (usb1, usb2...) are made by the kernel, under the Linux Foundation's id 1d6b.
      if (vendor === '1d6b' || /^usb\d+$/.test(d)) return [];
      const product = hex4(read(root, `${dir}/idProduct`));
      const hw: HardwareIds = { usb: { vendor } };
      if (product) hw.usb!.product = product;
      const serial = read(root, `${dir}/serial`);
      if (serial) hw.serialNumber = serial;
      const names = usbName(vendor, product);
      const maker = read(root, `${dir}/manufacturer`) ?? names?.vendor;
      const name = read(root, `${dir}/product`) ?? names?.device ?? `USB device ${vendor}:${product ?? '?'}`;
      const extra: Json = {};
      if (maker) extra.manufacturer = entity(maker);
      const version = read(root, `${dir}/bcdDevice`);
      if (version) extra.version = version;
      return [component('device', `usb:${d}`, name, extra, hw)];
    });
}

/**
 * MAC addresses of the network interfaces that have a device behind them, by the PCI address of
 * that device (or the interface's name when it is not on PCI). Locally administered addresses
 * (made up by software) and interfaces without a device (bridges, tunnels, loopback) are left out.
 */
function interfaces(root: string): { byPci: Map<string, string[]>; other: Json[] } {
  const byPci = new Map<string, string[]>();
  const other: Json[] = [];
  for (const ifname of list(root, 'sys/class/net')) {
    const dir = path.join(root, 'sys/class/net', ifname);
    const mac = read(root, `sys/class/net/${ifname}/address`);
    if (!mac || macIsLocal(mac)) continue;
    let target: string | undefined;
    try {
      target = realpathSync(path.join(dir, 'device'));
    } catch {
      continue; // virtual: no device
    }
    const pci = target.split('/').reverse().find((s) => PCI_ADDRESS.test(s));
    if (pci && existsSync(path.join(root, 'sys/bus/pci/devices', pci))) {
      byPci.set(pci, [...(byPci.get(pci) ?? []), mac]);
    } else {
      other.push(component('device', `net:${ifname}`, `network interface ${ifname}`, {}, { macAddresses: [mac] }, [{ name: 'cdx:device:function', value: 'network interface' }]));
    }
  }
  return { byPci, other };
}

/** os-release as key → value (shell-style quoting removed). */
function osRelease(root: string): Record<string, string> | undefined {
  const text = read(root, 'etc/os-release') ?? read(root, 'usr/lib/os-release');
  if (!text) return undefined;
  const r: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!m) continue;
    let v = m[2]!.trim();
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1).replace(/\\(["'$`\\])/g, '$1');
    r[m[1]!] = v;
  }
  return r;
}

function operatingSystem(root: string): { os?: Json; id?: string; versionId?: string } {
  const r = osRelease(root);
  const id = osReleaseId(r?.ID);
  if (!r || !id) return {};
  const extra: Json = {};
  if (r.VERSION_ID) extra.version = r.VERSION_ID;
  if (r.PRETTY_NAME ?? r.NAME) extra.description = r.PRETTY_NAME ?? r.NAME;
  if (r.HOME_URL) extra.externalReferences = [{ type: 'website', url: r.HOME_URL }];
  const more: Property[] = [];
  if (r.ID_LIKE) more.push({ name: 'wherefrom:os:idLike', value: r.ID_LIKE });
  const kernel = read(root, 'proc/sys/kernel/osrelease');
  if (kernel) more.push({ name: 'wherefrom:os:kernel', value: kernel });
  return { os: component('operating-system', `os:${id}`, id, extra, { osId: id }, more), id, versionId: r.VERSION_ID };
}

/** Installed packages from dpkg's status file, as `pkg:deb` components. */
function dpkgPackages(root: string, osId: string | undefined, versionId: string | undefined): Json[] {
  const text = read(root, 'var/lib/dpkg/status');
  if (!text) return [];
  const out: Json[] = [];
  const namespace = osId ?? 'debian';
  for (const para of text.split(/\n\s*\n/)) {
    const f: Record<string, string> = Object.create(null) as Record<string, string>;
    let last: string | undefined;
    for (const line of para.split('\n')) {
      if (/^\s/.test(line)) continue; // continuation lines (descriptions, conffiles)
      const i = line.indexOf(':');
      if (i > 0) f[(last = line.slice(0, i))] = line.slice(i + 1).trim();
    }
    void last;
    if (!f.Package || !f.Version || !/\binstalled$/.test(f.Status ?? '')) continue;
    const arch = f.Architecture;
    const qualifiers = [arch ? `arch=${encodeURIComponent(arch)}` : '', versionId ? `distro=${encodeURIComponent(`${namespace}-${versionId}`)}` : ''].filter(Boolean).join('&');
    const purl = `pkg:deb/${namespace}/${encodeURIComponent(f.Package)}@${encodeURIComponent(f.Version)}${qualifiers ? `?${qualifiers}` : ''}`;
    const c: Json = { type: 'library', 'bom-ref': `deb:${f.Package}:${arch ?? ''}`, name: f.Package, version: f.Version, purl };
    // The maintainer is the distribution's packager; the homepage is the upstream project's.
    if (f.Maintainer) c.supplier = maintainer(f.Maintainer);
    if (f.Homepage) c.externalReferences = [{ type: 'website', url: f.Homepage }];
    out.push(c);
  }
  return out.sort((a, b) => (String(a['bom-ref']) < String(b['bom-ref']) ? -1 : 1));
}

function maintainer(s: string): Json {
  const m = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(s);
  return m ? { name: m[1] || m[2], contact: [{ email: m[2] }] } : { name: s };
}

/**
 * The system (`product`) or its mainboard (`board`) from DMI: maker, model, version and serial
 * where the firmware filled them in; undefined when it names neither maker nor model.
 */
function dmiDevice(root: string, kind: 'product' | 'board', ref: string, fn: string): Json | undefined {
  const maker = dmi(root, kind === 'product' ? 'sys_vendor' : 'board_vendor');
  const model = dmi(root, `${kind}_name`);
  if (!maker && !model) return undefined;
  const extra: Json = {};
  if (maker) extra.manufacturer = entity(maker);
  const version = dmi(root, `${kind}_version`);
  if (version) extra.version = version;
  const hw: HardwareIds = {};
  if (model) hw.model = model;
  const serial = dmi(root, `${kind}_serial`);
  if (serial) hw.serialNumber = serial;
  return component('device', ref, model ?? fn, extra, hw, [{ name: 'cdx:device:function', value: fn }]);
}

/**
 * The host under `root` as a CycloneDX 1.6 HBOM (a JSON document). The system (DMI) is a
 * `device` that contains its board, firmware, processors and PCI and USB devices; the operating
 * system and the packages sit beside it. No timestamp and a content-derived serial number: the
 * same tree gives the same bytes.
 */
export function hostBom(options: HostOptions = {}): Json {
  const root = path.resolve(options.root ?? '/');
  const hostname = read(root, 'etc/hostname') ?? read(root, 'proc/sys/kernel/hostname') ?? 'host';
  const { byPci, other } = interfaces(root);
  const parts: Json[] = [];
  const board = dmiDevice(root, 'board', 'dmi:board', 'mainboard');
  if (board) parts.push(board);
  const biosVendor = dmi(root, 'bios_vendor');
  if (biosVendor) {
    const extra: Json = { manufacturer: entity(biosVendor) };
    const v = dmi(root, 'bios_version');
    if (v) extra.version = v;
    const date = dmi(root, 'bios_date');
    parts.push(component('firmware', 'dmi:bios', 'BIOS', extra, undefined, date ? [{ name: 'wherefrom:firmware:date', value: date }] : []));
  }
  parts.push(...cpus(root), ...pciDevices(root, byPci), ...usbDevices(root), ...other);

  const components: Json[] = [];
  const system = dmiDevice(root, 'product', 'dmi:system', 'system');
  if (system) {
    if (parts.length > 0) system.components = parts;
    components.push(system);
  } else {
    components.push(...parts);
  }
  const { os, id, versionId } = operatingSystem(root);
  if (os) components.push(os);
  if (options.packages) components.push(...dpkgPackages(root, id, versionId));

  const body: Json = {
    metadata: {
      tools: { components: [{ type: 'application', name: 'wherefrom', ...(options.toolVersion ? { version: options.toolVersion } : {}) }] },
      component: { type: 'device', 'bom-ref': 'host', name: hostname, description: 'A Linux host, read from sysfs and procfs' },
    },
    components,
  };
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  const uuid = `${hash.slice(0, 8)}-${hash.slice(8, 12)}-5${hash.slice(13, 16)}-${((Number.parseInt(hash[16]!, 16) & 0x3) | 0x8).toString(16)}${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
  return {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${uuid}`,
    version: 1,
    ...body,
  };
}

/**
 * The hardware id registries, as compiled into data/hwids/ by scripts/import-hwids.mjs: PCI and
 * USB vendor and device names (pci.ids, usb.ids) and the IEEE MAC address block registrants.
 * Each file is read on first use only, so a software-only scan never pays for them.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from '../dataset/load.js';

/** Where a registry file came from (its header). */
export interface RegistrySource {
  name: string;
  url: string;
  version?: string;
  date?: string;
  via?: string;
  license?: string;
  notice?: string;
}

interface IdsFile {
  source: RegistrySource;
  vendors: Record<string, string>;
  devices: Record<string, Record<string, string>>;
}

interface OuiFile {
  source: RegistrySource;
  'MA-L': Record<string, string>;
  'MA-M': Record<string, string>;
  'MA-S': Record<string, string>;
}

const cache = new Map<string, unknown>();

function load<T>(name: string): T | undefined {
  if (cache.has(name)) return cache.get(name) as T | undefined;
  const file = path.join(dataDir(), 'hwids', name);
  const doc = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
  cache.set(name, doc);
  return doc;
}

/** A vendor (and device) as a registry names it. */
export interface RegistryName {
  vendor?: string;
  device?: string;
  /** `pci.ids 2023.04.10` */
  registry: string;
}

function idsLookup(file: string, vendor: string, device?: string): RegistryName | undefined {
  const doc = load<IdsFile>(file);
  if (!doc) return undefined;
  const v = vendor.toLowerCase();
  const name: RegistryName = { registry: `${doc.source.name} ${doc.source.version ?? ''}`.trim() };
  if (Object.hasOwn(doc.vendors, v)) name.vendor = doc.vendors[v];
  const devices = Object.hasOwn(doc.devices, v) ? doc.devices[v] : undefined;
  if (device !== undefined && devices && Object.hasOwn(devices, device.toLowerCase())) name.device = devices[device.toLowerCase()];
  return name.vendor === undefined ? undefined : name;
}

/** A PCI vendor (and device) in pci.ids; ids are 4 hex digits. */
export function pciName(vendor: string, device?: string): RegistryName | undefined {
  return idsLookup('pci.json', vendor, device);
}

/** A USB vendor (and product) in usb.ids. */
export function usbName(vendor: string, product?: string): RegistryName | undefined {
  return idsLookup('usb.json', vendor, product);
}

/** The registries' headers (for notices and reports). */
export function registrySources(): RegistrySource[] {
  return ['pci.json', 'usb.json', 'oui.json'].flatMap((f) => {
    const doc = load<{ source: RegistrySource }>(f);
    return doc ? [doc.source] : [];
  });
}

/** A MAC address as 12 lower-case hex digits, or undefined when it is not one. */
export function macHex(mac: string): string | undefined {
  const hex = mac.replace(/[:\-.\s]/g, '').toLowerCase();
  return /^[0-9a-f]{12}$/.test(hex) ? hex : undefined;
}

/**
 * Whether a MAC address is locally administered (the U/L bit of its first octet): such an
 * address was made up by software (a VM, a container, a randomised Wi-Fi address) and names no
 * manufacturer. Group (multicast) addresses name none either.
 */
export function macIsLocal(mac: string): boolean {
  const hex = macHex(mac);
  if (!hex) return true;
  const first = Number.parseInt(hex.slice(0, 2), 16);
  return (first & 0x02) !== 0 || (first & 0x01) !== 0;
}

/** The registrant of a MAC address's block: the longest assignment that covers it (MA-S, MA-M, MA-L). */
export function macRegistrant(mac: string): { block: 'MA-S' | 'MA-M' | 'MA-L'; prefix: string; name: string; registry: string } | undefined {
  const hex = macHex(mac);
  if (!hex) return undefined;
  const doc = load<OuiFile>('oui.json');
  if (!doc) return undefined;
  const registry = `IEEE ${doc.source.version ?? ''}`.trim();
  for (const [block, len] of [['MA-S', 9], ['MA-M', 7], ['MA-L', 6]] as const) {
    const prefix = hex.slice(0, len);
    if (Object.hasOwn(doc[block], prefix)) return { block, prefix, name: doc[block][prefix]!, registry };
  }
  return undefined;
}

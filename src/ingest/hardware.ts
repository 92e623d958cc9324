/**
 * Hardware identifiers as CycloneDX properties, read and written the same way: the `cdx:device`
 * taxonomy of CycloneDX (serial number, quantity, MAC address) and wherefrom's own names for the
 * registry ids that tie a device to its maker (PCI and USB vendor ids, CPU vendor strings,
 * os-release ids), which no CycloneDX field carries.
 */
import type { Component, HardwareIds, Property } from '../model.js';

/** The property names, one per field of {@link HardwareIds}. */
export const HW = {
  pciVendor: 'wherefrom:pci:vendorId',
  pciDevice: 'wherefrom:pci:deviceId',
  pciSubsystemVendor: 'wherefrom:pci:subsystemVendorId',
  pciSubsystemDevice: 'wherefrom:pci:subsystemDeviceId',
  pciClass: 'wherefrom:pci:class',
  pciAddress: 'wherefrom:pci:address',
  usbVendor: 'wherefrom:usb:vendorId',
  usbProduct: 'wherefrom:usb:productId',
  cpuVendorId: 'wherefrom:cpu:vendorId',
  cpuImplementer: 'wherefrom:cpu:implementer',
  cpuPart: 'wherefrom:cpu:part',
  osId: 'wherefrom:os:id',
  mac: 'cdx:device:macAddress',
  serial: 'cdx:device:serialNumber',
  quantity: 'cdx:device:quantity',
  model: 'wherefrom:device:model',
  partNumber: 'wherefrom:device:partNumber',
  site: 'cdx:device:location',
} as const;

const HW_NAMES = new Set<string>(Object.values(HW));

/** Whether a property states a hardware id (input facts, which enrichment keeps). */
export function isHardwareProperty(name: string): boolean {
  return HW_NAMES.has(name);
}

/** A 16-bit id as 4 lower-case hex digits (`0x8086`, `8086`, `0X8086`), or undefined. */
export function hex4(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase().replace(/^0x/, '');
  return /^[0-9a-f]{1,4}$/.test(v) ? v.padStart(4, '0') : undefined;
}

/** An Arm implementer code as `0x` and 2 lower-case hex digits. */
export function armCode(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase().replace(/^0x/, '');
  return /^[0-9a-f]{1,2}$/.test(v) ? `0x${v.padStart(2, '0')}` : undefined;
}

/** An os-release id: lower-case letters, digits, `.`, `_`, `-`. */
export function osReleaseId(value: string | undefined): string | undefined {
  const v = value?.trim().toLowerCase();
  return v && /^[a-z0-9._-]{1,64}$/.test(v) ? v : undefined;
}

/**
 * The hardware ids a component's properties state; undefined when there are none. The os-release
 * id of an `operating-system` component is also read from its name (`debian`, `ubuntu`), as
 * syft and Trivy write it.
 */
export function hardwareFromProperties(c: Pick<Component, 'type' | 'name' | 'properties'>): HardwareIds | undefined {
  const props = c.properties;
  if (props.length === 0 && c.type !== 'operating-system') return undefined; // most components
  const hw: HardwareIds = {};
  const get = (name: string) => props.find((p) => p.name === name)?.value;
  let any = false;
  for (let i = 0; i < props.length; i++) {
    if (HW_NAMES.has(props[i]!.name)) {
      any = true;
      break;
    }
  }
  if (any) {
    const vendor = hex4(get(HW.pciVendor));
    if (vendor) {
      const pci: NonNullable<HardwareIds['pci']> = { vendor };
      const device = hex4(get(HW.pciDevice));
      if (device) pci.device = device;
      const sv = hex4(get(HW.pciSubsystemVendor));
      if (sv) pci.subsystemVendor = sv;
      const sd = hex4(get(HW.pciSubsystemDevice));
      if (sd) pci.subsystemDevice = sd;
      const cls = get(HW.pciClass)?.trim().toLowerCase().replace(/^0x/, '');
      if (cls && /^[0-9a-f]{6}$/.test(cls)) pci.class = cls;
      const address = get(HW.pciAddress)?.trim();
      if (address) pci.address = address;
      hw.pci = pci;
    }
    const usbVendor = hex4(get(HW.usbVendor));
    if (usbVendor) {
      hw.usb = { vendor: usbVendor };
      const product = hex4(get(HW.usbProduct));
      if (product) hw.usb.product = product;
    }
    const vendorId = get(HW.cpuVendorId)?.trim();
    const implementer = armCode(get(HW.cpuImplementer));
    if (vendorId || implementer) {
      hw.cpu = {};
      if (vendorId) hw.cpu.vendorId = vendorId;
      if (implementer) hw.cpu.implementer = implementer;
      const part = get(HW.cpuPart)?.trim();
      if (part) hw.cpu.part = part;
    }
    const osId = osReleaseId(get(HW.osId));
    if (osId) hw.osId = osId;
    const macs = c.properties.filter((p) => p.name === HW.mac).map((p) => p.value.trim()).filter((m) => m !== '');
    if (macs.length > 0) hw.macAddresses = macs;
    const text = (name: string) => {
      const v = get(name)?.trim();
      return v === '' ? undefined : v;
    };
    const model = text(HW.model);
    if (model) hw.model = model;
    const partNumber = text(HW.partNumber);
    if (partNumber) hw.partNumber = partNumber;
    const serial = text(HW.serial);
    if (serial) hw.serialNumber = serial;
    const site = text(HW.site);
    if (site) hw.site = site;
    const quantity = Number(get(HW.quantity));
    if (Number.isFinite(quantity) && quantity >= 0 && get(HW.quantity)?.trim() !== '') hw.quantity = quantity;
  }
  if (hw.osId === undefined && c.type === 'operating-system') {
    const osId = osReleaseId(c.name);
    if (osId) hw.osId = osId;
  }
  return Object.keys(hw).length > 0 ? hw : undefined;
}

/** The properties that state a component's hardware ids (what {@link hardwareFromProperties} reads back). */
export function hardwareProperties(hw: HardwareIds): Property[] {
  const out: Property[] = [];
  const put = (name: string, value: string | number | undefined) => {
    if (value !== undefined) out.push({ name, value: String(value) });
  };
  put(HW.pciVendor, hw.pci?.vendor);
  put(HW.pciDevice, hw.pci?.device);
  put(HW.pciSubsystemVendor, hw.pci?.subsystemVendor);
  put(HW.pciSubsystemDevice, hw.pci?.subsystemDevice);
  put(HW.pciClass, hw.pci?.class);
  put(HW.pciAddress, hw.pci?.address);
  put(HW.usbVendor, hw.usb?.vendor);
  put(HW.usbProduct, hw.usb?.product);
  put(HW.cpuVendorId, hw.cpu?.vendorId);
  put(HW.cpuImplementer, hw.cpu?.implementer);
  put(HW.cpuPart, hw.cpu?.part);
  put(HW.osId, hw.osId);
  for (const mac of hw.macAddresses ?? []) put(HW.mac, mac);
  put(HW.model, hw.model);
  put(HW.partNumber, hw.partNumber);
  put(HW.serial, hw.serialNumber);
  put(HW.quantity, hw.quantity);
  put(HW.site, hw.site);
  return out;
}

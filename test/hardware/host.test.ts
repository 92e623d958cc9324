/**
 * `wherefrom host`: the captured sysfs/procfs trees of fixtures/host (fixtures/host/README.md)
 * read into a CycloneDX 1.6 HBOM, attributed by hardware id, and read back by `scan`; and, where
 * this machine has a sysfs, the live host.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostBom } from '../../src/host/index.js';
import { schemaErrors } from '../cdx-schema.js';
import { cli, ROOT } from '../helpers.js';

const X86 = 'fixtures/host/x86-server';
const ARM = 'fixtures/host/arm-server';

type Prop = { name: string; value: string };
type Cdx = { type: string; 'bom-ref': string; name: string; version?: string; manufacturer?: { name: string }; properties?: Prop[]; components?: Cdx[]; purl?: string };
type Attribution = {
  org: { id: string };
  controller: { id: string };
  country: string | null;
  community: boolean;
  confidence: string;
  lists: { id: string }[];
  evidence: { field: string; value: string; rule: string; via?: string }[];
  conflicts: { field: string; record: string }[];
};
type ReportComponent = { ref: string; name: string; type: string; hardware?: Record<string, unknown>; attribution: Attribution | null; verdict: string | null };

const flat = (cs: Cdx[]): Cdx[] => cs.flatMap((c) => [c, ...flat(c.components ?? [])]);
const prop = (c: Cdx, name: string) => c.properties?.filter((p) => p.name === name).map((p) => p.value) ?? [];

async function scanHost(root: string, ...more: string[]) {
  const r = await cli(['host', '--root', root, '--format', 'json', '--as-of', '2026-11-28', ...more]);
  return { ...r, report: JSON.parse(r.stdout) as { components: ReportComponent[]; findings: { code: string }[] } };
}

describe('host: the captured x86 server', () => {
  const bom = hostBom({ root: path.join(ROOT, X86), packages: true, toolVersion: '0.1.0' }) as { specVersion: string; metadata: { component: Cdx }; components: Cdx[] };
  const all = flat(bom.components);
  const byRef = (ref: string) => all.find((c) => c['bom-ref'] === ref)!;

  it('is a valid CycloneDX 1.6 HBOM: the system contains its board, BIOS, CPUs and devices', () => {
    expect(schemaErrors(bom)).toEqual([]);
    expect(bom.metadata.component.name).toBe('db-07');
    const system = bom.components[0]!;
    expect(system).toMatchObject({ type: 'device', 'bom-ref': 'dmi:system', name: '2288H V5', manufacturer: { name: 'Huawei' } });
    expect(system.components!.map((c) => c['bom-ref'])).toEqual([
      'dmi:board', 'dmi:bios', 'cpu:0',
      'pci:0000:00:00.0', 'pci:0000:00:11.5', 'pci:0000:00:16.0', 'pci:0000:03:00.0', 'pci:0000:18:00.0', 'pci:0000:1a:00.0', 'pci:0000:3b:00.0', 'pci:0000:86:00.0',
      'usb:1-1',
    ]);
    // A placeholder serial ("To be filled by O.E.M.") is not a serial.
    expect(prop(system, 'cdx:device:serialNumber')).toEqual([]);
    expect(byRef('dmi:bios')).toMatchObject({ type: 'firmware', version: '6.57', manufacturer: { name: 'Insyde Corp.' } });
  });

  it('names PCI devices from pci.ids, keeps their ids, and attaches universally administered MACs to their device', () => {
    const cx5 = byRef('pci:0000:3b:00.0');
    expect(cx5).toMatchObject({ name: 'MT27800 Family [ConnectX-5]', manufacturer: { name: 'Mellanox Technologies' } });
    expect(prop(cx5, 'wherefrom:pci:vendorId')).toEqual(['15b3']);
    expect(prop(cx5, 'wherefrom:pci:deviceId')).toEqual(['1017']);
    expect(prop(cx5, 'cdx:device:function')).toEqual(['network controller']);
    expect(prop(cx5, 'cdx:device:macAddress')).toEqual(['0c:42:a1:ab:cd:01']);
    // docker0 (02:42:…, locally administered, no device) and lo are not devices.
    expect(all.flatMap((c) => prop(c, 'cdx:device:macAddress')).sort()).toEqual(['00:18:82:12:34:56', '0c:42:a1:ab:cd:01', '28:6e:d4:00:11:22']);
    // The USB root hub is the kernel's, not hardware.
    expect(all.filter((c) => c['bom-ref'].startsWith('usb:')).map((c) => c.name)).toEqual(['Virtual Keyboard and Mouse']);
    const cpu = byRef('cpu:0');
    expect(cpu.name).toBe('Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz');
    expect(prop(cpu, 'cdx:device:quantity')).toEqual(['2']);
    expect(prop(cpu, 'wherefrom:cpu:logicalProcessors')).toEqual(['4']);
  });

  it('lists installed dpkg packages only with --packages, the removed ones never', () => {
    const debs = all.filter((c) => c.purl?.startsWith('pkg:deb/'));
    expect(debs.map((c) => c.purl)).toEqual([
      'pkg:deb/ubuntu/openssl@3.0.2-0ubuntu1.15?arch=amd64&distro=ubuntu-22.04',
      'pkg:deb/ubuntu/zlib1g@1%3A1.2.11.dfsg-2ubuntu9.2?arch=amd64&distro=ubuntu-22.04',
    ]);
    const without = hostBom({ root: path.join(ROOT, X86) }) as { components: Cdx[] };
    expect(flat(without.components).some((c) => c.purl !== undefined)).toBe(false);
  });

  it('is deterministic: the same tree gives byte-identical output', async () => {
    const a = await cli(['host', '--root', X86, '--format', 'cyclonedx']);
    const b = await cli(['host', '--root', X86, '--format', 'cyclonedx']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('attributes every device by its ids: Intel, Mellanox → NVIDIA, Huawei, ASPEED, Broadcom, AMI, Canonical', async () => {
    const { code, report } = await scanHost(X86);
    expect(code).toBe(0);
    const who = Object.fromEntries(report.components.map((c) => [c.name, c.attribution && [c.attribution.org.id, c.attribution.controller.id, c.attribution.country]]));
    expect(who).toMatchObject({
      '2288H V5': ['huawei', 'huawei', 'CN'],
      'BIOS': ['insyde', 'insyde', 'TW'],
      'Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz': ['intel', 'intel', 'US'],
      'Sky Lake-E DMI3 Registers': ['intel', 'intel', 'US'],
      'ASPEED Graphics Family': ['aspeed', 'aspeed', 'TW'],
      'MegaRAID Tri-Mode SAS3508': ['broadcom', 'broadcom', 'US'],
      'MT27800 Family [ConnectX-5]': ['mellanox', 'nvidia', 'US'],
      'Hi1822 Family (4*25GE)': ['huawei', 'huawei', 'CN'],
      'Virtual Keyboard and Mouse': ['american-megatrends', 'american-megatrends', 'US'],
      'ubuntu': ['canonical', 'canonical', 'IM'],
    });
    const cx5 = report.components.find((c) => c.name === 'MT27800 Family [ConnectX-5]')!;
    // The chain of evidence: id → registry vendor name → organisation; the MAC block agrees.
    expect(cx5.attribution!.evidence[0]).toEqual({
      field: 'hardware.pci.vendor', value: '15b3', rule: 'pci-vendor:15b3', record: 'mellanox',
      via: 'pci.ids 2023.04.10: Mellanox Technologies',
    });
    expect(cx5.attribution!.evidence.some((e) => e.field === 'hardware.macAddress' && e.via === 'IEEE 2022-08-27: MA-L 0c42a1 Mellanox Technologies, Inc.')).toBe(true);
    expect(cx5.hardware).toMatchObject({ pci: { vendor: '15b3', device: '1017', address: '0000:3b:00.0' } });
    // Intel's X722 on Huawei's board carries a Huawei MAC: the chip is Intel's; the MAC block is
    // weaker evidence and shows as a conflict, and the confidence stays high.
    const x722 = report.components.find((c) => c.name === 'Ethernet Connection X722 for 10GBASE-T')!;
    expect(x722.attribution).toMatchObject({ org: { id: 'intel' }, confidence: 'high' });
    expect(x722.attribution!.conflicts).toEqual([expect.objectContaining({ field: 'hardware.macAddress', record: 'huawei' })]);
  });

  it('holds the HBOM against a policy: Huawei devices denied, with the restricted lists they are on', async () => {
    const { code, report } = await scanHost(X86, '--deny-country', 'CN');
    expect(code).toBe(1);
    const denied = report.components.filter((c) => c.verdict === 'deny').map((c) => c.name);
    expect(denied).toEqual(['2288H V5', 'BC11SPSCB0', 'Hi1822 Family (4*25GE)']);
    const huawei = report.components.find((c) => c.name === 'Hi1822 Family (4*25GE)')!;
    expect(huawei.attribution!.lists.map((l) => l.id)).toContain('us-fcc-covered');
  });

  it('round-trips: host --format cyclonedx | scan - gives the same attributions', async () => {
    const hbom = await cli(['host', '--root', X86, '--format', 'cyclonedx', '--as-of', '2026-11-28']);
    const back = await cli(['scan', '-', '--format', 'json', '--as-of', '2026-11-28'], { stdin: hbom.stdout });
    expect(back.code).toBe(0);
    const direct = (await scanHost(X86)).report.components.map((c) => [c.name, c.attribution?.org.id ?? null, c.attribution?.evidence[0]?.rule ?? null]);
    const again = (JSON.parse(back.stdout) as { components: ReportComponent[] }).components.map((c) => [c.name, c.attribution?.org.id ?? null, c.attribution?.evidence[0]?.rule ?? null]);
    expect(again).toEqual(direct);
    // The enriched HBOM still validates, and keeps the hardware ids the enrichment does not own.
    const doc = JSON.parse(hbom.stdout) as { components: Cdx[] };
    expect(schemaErrors(doc)).toEqual([]);
    const cx5 = flat(doc.components).find((c) => c['bom-ref'] === 'pci:0000:3b:00.0')!;
    expect(prop(cx5, 'wherefrom:pci:vendorId')).toEqual(['15b3']);
    expect(prop(cx5, 'wherefrom:controller')).toEqual(['nvidia']);
    expect(prop(cx5, 'wherefrom:evidence')).toEqual(['hardware.pci.vendor pci-vendor:15b3 ← pci.ids 2023.04.10: Mellanox Technologies']);
  });
});

describe('host: the captured Arm server', () => {
  it('attributes the CPU by its Arm implementer code and the OS by its os-release id', async () => {
    const { code, report } = await scanHost(ARM);
    expect(code).toBe(0);
    const cpu = report.components.find((c) => c.name === 'HiSilicon CPU part 0xd01')!;
    expect(cpu.attribution).toMatchObject({ org: { id: 'hisilicon' }, controller: { id: 'huawei' }, country: 'CN' });
    expect(cpu.attribution!.evidence[0]).toMatchObject({ field: 'hardware.cpu.implementer', value: '0x48', rule: 'arm-implementer:0x48' });
    const os = report.components.find((c) => c.type === 'operating-system')!;
    expect(os).toMatchObject({ name: 'openeuler', attribution: { org: { id: 'openatom' }, country: 'CN' } });
    expect(report.components.every((c) => c.attribution !== null)).toBe(true);
  });

  it('an absent root is a usage error (exit 2)', async () => {
    const r = await cli(['host', '--root', 'fixtures/host/no-such-tree']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--root "fixtures/host/no-such-tree": no such directory');
  });
});

describe('a CycloneDX HBOM written by others (the corpus)', () => {
  it('reads the cdx:device taxonomy into each device\'s hardware, and attributes the makers', async () => {
    const r = await cli(['scan', '--format', 'json', 'fixtures/corpus/cyclonedx-bom-examples/HBOM__PCIe-SATA-adapter-board__bom.json']);
    expect(r.code).toBe(0);
    const comps = (JSON.parse(r.stdout) as { components: ReportComponent[] }).components;
    expect(comps).toHaveLength(6);
    expect(comps.every((c) => c.type === 'device')).toBe(true);
    const samtec = comps.find((c) => c.name === 'PCIE-098-02-F-D-EMS2')!;
    expect(samtec.hardware).toMatchObject({ quantity: 1 });
    expect(samtec.attribution).toMatchObject({ org: { id: 'samtec' }, country: 'US' });
    expect(comps.map((c) => [c.name, c.hardware?.quantity, c.attribution?.org.id ?? null])).toEqual([
      ['PCIE-098-02-F-D-EMS2', 1, 'samtec'],
      ['47155-4001', 8, 'molex'],
      ['5622-4100-ML', 1, '3m'],
      ['MC9A22-1034', 1, 'farnell'], // Multicomp is Farnell's own brand
      ['826632-3', 2, 'te-connectivity'],
      ['MP000003', 2, 'farnell'],
    ]);
  });
});

describe.skipIf(!existsSync('/sys/bus/pci/devices'))('host: this machine', () => {
  it('reads the live host: its PCI devices, CPU and OS are attributed', async () => {
    const r = await cli(['host', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { components: ReportComponent[] };
    const pci = report.components.filter((c) => c.hardware?.pci !== undefined);
    expect(pci.length).toBeGreaterThan(0);
    expect(pci.some((c) => c.attribution !== null)).toBe(true);
    expect(report.components.some((c) => c.type === 'operating-system')).toBe(true);
    // And its HBOM round-trips through scan.
    const hbom = await cli(['host', '--format', 'cyclonedx']);
    const back = await cli(['scan', '-', '--format', 'json'], { stdin: hbom.stdout });
    expect(back.code).toBe(0);
    const names = (x: { components: ReportComponent[] }) => x.components.map((c) => [c.name, c.attribution?.org.id ?? null]);
    expect(names(JSON.parse(back.stdout) as { components: ReportComponent[] })).toEqual(names(report));
  });
});

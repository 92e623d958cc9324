/**
 * Hardware ids: the compiled registries (data/hwids, from Debian's pci.ids, usb.ids and
 * ieee-data), MAC address rules, the properties that carry ids in CycloneDX, and attribution by
 * each kind of id against a small hand-made dataset (the rules, not the curated facts) and
 * against the built-in data (the facts, as a tuple table).
 */
import { describe, expect, it } from 'vitest';
import { attribute } from '../../src/attribute/index.js';
import { Dataset } from '../../src/dataset/index.js';
import { loadDataset } from '../../src/dataset/load.js';
import type { Organisation, RawDataset } from '../../src/dataset/types.js';
import { macHex, macIsLocal, macRegistrant, pciName, registrySources, usbName } from '../../src/hwids/index.js';
import { hardwareFromProperties, hardwareProperties } from '../../src/ingest/hardware.js';
import { inventory } from '../../src/ingest/index.js';
import type { HardwareIds } from '../../src/model.js';

describe('the registries', () => {
  it('name PCI and USB vendors and devices, and say where they come from', () => {
    expect(pciName('15B3', '1017')).toEqual({ vendor: 'Mellanox Technologies', device: 'MT27800 Family [ConnectX-5]', registry: 'pci.ids 2023.04.10' });
    expect(pciName('19e5')).toEqual({ vendor: 'Huawei Technologies Co., Ltd.', registry: 'pci.ids 2023.04.10' });
    expect(pciName('0000')).toBeUndefined();
    expect(usbName('046b', 'ff10')).toEqual({ vendor: 'American Megatrends, Inc.', device: 'Virtual Keyboard and Mouse', registry: 'usb.ids 2025.07.26' });
    expect(registrySources().map((s) => [s.name, s.version, s.license])).toEqual([
      ['pci.ids', '2023.04.10', 'BSD-3-Clause OR GPL-2.0-or-later'],
      ['usb.ids', '2025.07.26', 'BSD-3-Clause OR GPL-2.0-or-later'],
      ['IEEE Registration Authority: MA-L, MA-M, MA-S and IAB assignments', '2022-08-27', undefined],
    ]);
  });

  it('find a MAC block by its longest assignment: MA-S inside MA-M inside MA-L', () => {
    expect(macRegistrant('0C:42:A1:00:00:01')).toEqual({ block: 'MA-L', prefix: '0c42a1', name: 'Mellanox Technologies, Inc.', registry: 'IEEE 2022-08-27' });
    // 10:07:23 is the IEEE's own MA-L, split into MA-M blocks; 70:B3:D5 into MA-S blocks.
    expect(macRegistrant('10-07-23-01-23-45')).toMatchObject({ block: 'MA-M', prefix: '1007230', name: 'RippleTek Tech Ltd' });
    expect(macRegistrant('70b3.d5f2.f123')).toMatchObject({ block: 'MA-S', prefix: '70b3d5f2f', name: 'TELEPLATFORMS' });
    expect(macRegistrant('not a mac')).toBeUndefined();
  });

  it('tell locally administered and group addresses, which name no manufacturer', () => {
    expect(macIsLocal('02:42:ac:11:00:01')).toBe(true); // docker
    expect(macIsLocal('52:54:00:12:34:56')).toBe(true); // QEMU
    expect(macIsLocal('01:00:5e:00:00:01')).toBe(true); // multicast
    expect(macIsLocal('0c:42:a1:ab:cd:01')).toBe(false);
    expect(macHex('0c42.a1ab.cd01')).toBe('0c42a1abcd01');
  });
});

describe('hardware ids as CycloneDX properties', () => {
  it('round-trip through the properties, and normalise ids as written by other tools', () => {
    const hw: HardwareIds = {
      pci: { vendor: '15b3', device: '1017', subsystemVendor: '15b3', subsystemDevice: '0007', class: '020000', address: '0000:3b:00.0' },
      usb: { vendor: '046b', product: 'ff10' },
      cpu: { vendorId: 'GenuineIntel', implementer: '0x48', part: '0xd01' },
      osId: 'ubuntu',
      macAddresses: ['0c:42:a1:ab:cd:01', '0c:42:a1:ab:cd:02'],
      model: 'X', partNumber: 'P', serialNumber: 'S', quantity: 3, site: 'R1',
    };
    expect(hardwareFromProperties({ type: 'device', name: 'x', properties: hardwareProperties(hw) })).toEqual(hw);
    expect(hardwareFromProperties({ type: 'device', name: 'x', properties: [{ name: 'wherefrom:pci:vendorId', value: '0x8086' }, { name: 'wherefrom:cpu:implementer', value: '48' }] }))
      .toEqual({ pci: { vendor: '8086' }, cpu: { implementer: '0x48' } });
    // Bad ids are not ids.
    expect(hardwareFromProperties({ type: 'device', name: 'x', properties: [{ name: 'wherefrom:pci:vendorId', value: 'intel' }] })).toBeUndefined();
    // An operating-system component's name is its os-release id (syft, Trivy).
    expect(hardwareFromProperties({ type: 'operating-system', name: 'Alpine', properties: [] })).toEqual({ osId: 'alpine' });
    expect(hardwareFromProperties({ type: 'library', name: 'alpine', properties: [] })).toBeUndefined();
  });
});

const src = [{ url: 'https://example.invalid/test-fixture', established: 'knowledge' as const }];
const org = (o: Omit<Organisation, 'sources' | 'ownership'> & Partial<Organisation>): Organisation => ({ ownership: 'public', sources: src, ...o });
const RAW: RawDataset = {
  organisations: [
    org({ id: 'nvidia', name: 'NVIDIA Corporation', country: 'US' }),
    org({ id: 'mellanox', name: 'Mellanox Technologies, Ltd.', aliases: ['Mellanox Technologies'], country: 'IL', parent: 'nvidia', identifiers: { pciVendors: ['15b3'] } }),
    // No PCI id: found through pci.ids' vendor name for 19e5, matched whole against the alias table.
    org({ id: 'huawei', name: 'Huawei Technologies Co., Ltd.', country: 'CN', ownership: 'private' }),
    org({ id: 'intel', name: 'Intel Corporation', aliases: ['Intel Corporate'], country: 'US', identifiers: { cpuVendorIds: ['GenuineIntel'] } }),
    org({ id: 'hisilicon', name: 'HiSilicon Technologies Co., Ltd.', country: 'CN', parent: 'huawei', identifiers: { armImplementers: ['0x48'] } }),
    org({ id: 'canonical', name: 'Canonical Ltd.', country: 'IM', ownership: 'private', identifiers: { osReleaseIds: ['ubuntu'] } }),
    org({ id: 'debian', name: 'Debian Project', ownership: 'community', identifiers: { osReleaseIds: ['debian'] } }),
  ],
  platforms: [],
  lists: [],
};
const dataset = new Dataset(RAW);

async function attributeDevice(properties: { name: string; value: string }[], type = 'device', name = 'd', dataSet = dataset) {
  const doc = { bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type, name, properties }] };
  const inv = await inventory([{ file: 'hw.json', content: JSON.stringify(doc) }]);
  return attribute(inv, dataSet, { asOf: '2026-11-28' })[0] ?? null;
}

describe('attribution by hardware id (rules)', () => {
  it('a PCI vendor id in the dataset is as strong as a purl rule; the controller comes through the parents', async () => {
    const a = await attributeDevice([{ name: 'wherefrom:pci:vendorId', value: '15b3' }]);
    expect(a).toMatchObject({ org: { id: 'mellanox' }, controller: { id: 'nvidia' }, country: 'US', confidence: 'high' });
    expect(a!.evidence).toEqual([{ field: 'hardware.pci.vendor', value: '15b3', rule: 'pci-vendor:15b3', record: 'mellanox', via: 'pci.ids 2023.04.10: Mellanox Technologies' }]);
  });

  it('a PCI vendor id the dataset lacks is found through the registry\'s vendor name', async () => {
    const a = await attributeDevice([{ name: 'wherefrom:pci:vendorId', value: '19e5' }]);
    expect(a).toMatchObject({ org: { id: 'huawei' }, country: 'CN', confidence: 'high' });
    expect(a!.evidence[0]).toMatchObject({ rule: 'pci-vendor:19e5 name:Huawei Technologies Co., Ltd.', via: 'pci.ids 2023.04.10: Huawei Technologies Co., Ltd.' });
  });

  it('CPU vendor strings, Arm implementer codes and os-release ids; unknown ones stay unknown', async () => {
    expect(await attributeDevice([{ name: 'wherefrom:cpu:vendorId', value: 'GenuineIntel' }])).toMatchObject({ org: { id: 'intel' } });
    expect(await attributeDevice([{ name: 'wherefrom:cpu:implementer', value: '0x48' }])).toMatchObject({ org: { id: 'hisilicon' }, controller: { id: 'huawei' } });
    // CentaurHauls is both VIA's and early Zhaoxin's: no single maker, so nothing is guessed.
    expect(await attributeDevice([{ name: 'wherefrom:cpu:vendorId', value: 'CentaurHauls' }])).toBeNull();
    expect(await attributeDevice([], 'operating-system', 'ubuntu')).toMatchObject({ org: { id: 'canonical' }, country: 'IM' });
    expect(await attributeDevice([], 'operating-system', 'debian')).toMatchObject({ org: { id: 'debian' }, community: true, country: null });
    expect(await attributeDevice([], 'operating-system', 'plan9')).toBeNull();
  });

  it('a MAC block\'s registrant is weak evidence; a locally administered MAC is none', async () => {
    const a = await attributeDevice([{ name: 'cdx:device:macAddress', value: '00:1B:21:00:00:01' }]);
    expect(a).toMatchObject({ org: { id: 'intel' }, confidence: 'low' });
    expect(a!.evidence[0]).toMatchObject({ field: 'hardware.macAddress', rule: 'mac-block:001b21 name:Intel Corporate', via: 'IEEE 2022-08-27: MA-L 001b21 Intel Corporate' });
    expect(await attributeDevice([{ name: 'cdx:device:macAddress', value: '02:1B:21:00:00:01' }])).toBeNull();
  });

  it('the chip vendor wins over a MAC block of the board maker, which shows as a conflict', async () => {
    const a = await attributeDevice([
      { name: 'wherefrom:pci:vendorId', value: '15b3' },
      { name: 'cdx:device:macAddress', value: '00:1B:21:00:00:01' },
    ]);
    expect(a).toMatchObject({ org: { id: 'mellanox' }, confidence: 'high' });
    expect(a!.conflicts).toEqual([expect.objectContaining({ field: 'hardware.macAddress', record: 'intel' })]);
  });
});

describe('attribution by hardware id (the built-in data)', () => {
  const builtin = loadDataset();
  const cases: [string, { name: string; value: string }[], string, string, string | null][] = [
    ['Intel PCI', [{ name: 'wherefrom:pci:vendorId', value: '8086' }], 'intel', 'intel', 'US'],
    ['NVIDIA PCI', [{ name: 'wherefrom:pci:vendorId', value: '10de' }], 'nvidia', 'nvidia', 'US'],
    ['Mellanox PCI', [{ name: 'wherefrom:pci:vendorId', value: '15b3' }], 'mellanox', 'nvidia', 'US'],
    ['Huawei PCI', [{ name: 'wherefrom:pci:vendorId', value: '19e5' }], 'huawei', 'huawei', 'CN'],
    ['ASPEED PCI', [{ name: 'wherefrom:pci:vendorId', value: '1a03' }], 'aspeed', 'aspeed', 'TW'],
    ['virtio (Red Hat) PCI', [{ name: 'wherefrom:pci:vendorId', value: '1af4' }], 'red-hat', 'ibm', 'US'],
    ['AMI USB', [{ name: 'wherefrom:usb:vendorId', value: '046b' }], 'american-megatrends', 'american-megatrends', 'US'],
    ['AMD CPU', [{ name: 'wherefrom:cpu:vendorId', value: 'AuthenticAMD' }], 'amd', 'amd', 'US'],
    ['Hygon CPU', [{ name: 'wherefrom:cpu:vendorId', value: 'HygonGenuine' }], 'hygon', 'hygon', 'CN'],
    ['Zhaoxin CPU', [{ name: 'wherefrom:cpu:vendorId', value: '  Shanghai  ' }], 'zhaoxin', 'zhaoxin', 'CN'],
    ['Arm core', [{ name: 'wherefrom:cpu:implementer', value: '0x41' }], 'arm', 'softbank-group', 'JP'],
    ['Phytium core', [{ name: 'wherefrom:cpu:implementer', value: '0x70' }], 'phytium', 'cec', 'CN'],
    ['Ampere core', [{ name: 'wherefrom:cpu:implementer', value: '0xc0' }], 'ampere', 'softbank-group', 'JP'],
    ['Mellanox MAC', [{ name: 'cdx:device:macAddress', value: '0c:42:a1:00:00:01' }], 'mellanox', 'nvidia', 'US'],
    ['Huawei MAC', [{ name: 'cdx:device:macAddress', value: '00:18:82:00:00:01' }], 'huawei', 'huawei', 'CN'],
  ];
  it.each(cases)('%s', async (_label, properties, orgId, controller, country) => {
    const a = await attributeDevice(properties, 'device', 'd', builtin);
    expect(a && [a.org.id, a.controller.id, a.country]).toEqual([orgId, controller, country]);
  });

  it.each([
    ['ubuntu', 'canonical', 'IM'],
    ['rhel', 'red-hat', 'US'],
    ['sles', 'suse', 'SE'], // SUSE S.A. (LU) is controlled by EQT (SE)
    ['kylin', 'kylinsoft', 'CN'],
    ['openeuler', 'openatom', 'CN'],
    ['debian', 'debian-project', null],
  ])('os-release %s', async (id, orgId, country) => {
    const a = await attributeDevice([], 'operating-system', id, builtin);
    expect(a && [a.org.id, a.country]).toEqual([orgId, country]);
  });
});

describe('explain, for hardware ids', () => {
  it('shows the registry entry and the rule, step by step', async () => {
    const { cli } = await import('../helpers.js');
    const pci = await cli(['explain', 'pci:15b3:1017']);
    expect(pci.stdout).toContain('1. pci.ids 2023.04.10: 15b3 is "Mellanox Technologies", device 1017 "MT27800 Family [ConnectX-5]"');
    expect(pci.stdout).toContain('controller: NVIDIA Corporation [nvidia], country US; confidence high');
    const mac = await cli(['explain', 'mac:00:1b:21:00:00:01']);
    expect(mac.stdout).toContain('MA-L block 001b21 is registered to "Intel Corporate"');
    expect(mac.stdout).toContain('confidence low');
    const local = await cli(['explain', 'mac:02:42:ac:11:00:01']);
    expect(local.stdout).toContain('names no manufacturer');
    expect(local.stdout).toContain('unknown');
    expect((await cli(['explain', 'os:kylin'])).stdout).toContain('controller: China Electronics Corporation [cec], country CN');
  });
});

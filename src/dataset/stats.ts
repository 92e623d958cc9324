/** Coverage of the dataset: organisations per country, identifiers per kind, share of confirmed facts. */
import type { DistroTables } from '../distro/index.js';
import type { RegistrySource } from '../hwids/index.js';
import type { IdentifierKind, RawDataset } from './types.js';

/**
 * What {@link datasetStats} counts.
 */
export interface DatasetStats {
  organisations: number;
  countries: number;
  confirmed: number;
  byCountry: [string, number][];
  byIdentifier: [IdentifierKind, number][];
  byOwnership: [string, number][];
  /** Organisations with hardware ids (PCI, USB, CPU vendor, Arm implementer), per country. */
  hardware: number;
  hardwareByCountry: [string, number][];
  lists: { id: string; title: string; entries: number; confirmed: boolean }[];
  platforms: number;
}

/**
 * Coverage of a dataset: organisations by country and ownership, identifiers, confirmed sources, lists.
 * @param raw the dataset as read from its files
 */
export function datasetStats(raw: RawDataset): DatasetStats {
  const count = <K extends string>(keys: K[]) => {
    const m = new Map<K, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  };
  const ids = raw.organisations.flatMap((o) =>
    Object.entries(o.identifiers ?? {}).flatMap(([k, v]) => (v as string[]).map(() => k as IdentifierKind)),
  );
  const HW: IdentifierKind[] = ['pciVendors', 'usbVendors', 'cpuVendorIds', 'armImplementers'];
  const hardware = raw.organisations.filter((o) => HW.some((k) => (o.identifiers?.[k]?.length ?? 0) > 0));
  return {
    organisations: raw.organisations.length,
    countries: new Set(raw.organisations.flatMap((o) => (o.country === undefined ? [] : [o.country]))).size,
    confirmed: raw.organisations.filter((o) => o.sources.some((s) => s.established === 'confirmed')).length,
    byCountry: count(raw.organisations.map((o) => o.country ?? 'none (community projects)')),
    byIdentifier: count(ids),
    byOwnership: count(raw.organisations.map((o) => o.ownership)),
    hardware: hardware.length,
    hardwareByCountry: count(hardware.map((o) => o.country ?? 'none')),
    lists: raw.lists.map((l) => ({ id: l.id, title: l.title, entries: l.entries.length, confirmed: l.sources.some((s) => s.established === 'confirmed') })),
    platforms: raw.platforms.length,
  };
}

/** The stats as Markdown (for data/README.md). */
export function renderStats(s: DatasetStats): string {
  const pct = (n: number) => (s.organisations ? `${Math.round((100 * n) / s.organisations)} %` : '0 %');
  const out = [
    `**${s.organisations} organisations in ${s.countries} countries**; ${s.confirmed} (${pct(s.confirmed)}) with at least one source confirmed against a document that was read, the rest recorded from knowledge and not yet confirmed. ${s.platforms} distribution platforms, ${s.lists.length} restricted lists.`,
    '',
    '| country | organisations |',
    '|---|---|',
    ...s.byCountry.map(([c, n]) => `| ${c} | ${n} |`),
    '',
    '| identifier kind | identifiers |',
    '|---|---|',
    ...s.byIdentifier.map(([k, n]) => `| ${k} | ${n} |`),
    '',
    `**${s.hardware} hardware organisations** (with PCI or USB vendor ids, CPU vendor strings or Arm implementer codes): ${s.hardwareByCountry.map(([c, n]) => `${c} ${n}`).join(', ')}.`,
    '',
    '| ownership | organisations |',
    '|---|---|',
    ...s.byOwnership.map(([k, n]) => `| ${k} | ${n} |`),
    '',
    '| restricted list | entries | a source confirmed against a document read (see below which) |',
    '|---|---|---|',
    ...s.lists.map((l) => `| ${l.id} (${l.title}) | ${l.entries} | ${l.confirmed ? 'yes' : 'no'} |`),
  ];
  return `${out.join('\n')}\n`;
}

/**
 * The bundled tables beside the organisations (`wherefrom data stats`): Debian's archive table
 * with the archive, suite, date and size it was compiled from, the distribution name tables, and
 * the hardware registries with their versions.
 */
export function renderTables(distro: DistroTables, registries: RegistrySource[], curatedSources: number): string {
  const out = ['', '| bundled table | from | size |', '|---|---|---|'];
  const a = distro.archive;
  if (a) {
    out.push(
      `| ${a.file} | ${a.archive} ${a.suite}${a.version ? ` ${a.version}` : ''} ${a.component} ${a.architecture} Packages, ${a.date} (${a.url}) | ${a.binaries} binary packages, ${a.sources} source packages, ${a.homepages} homepages; ${(a.bytes / 1024).toFixed(0)} KiB |`,
    );
  } else out.push('| data/distro/debian.json.gz | not in this build: distribution packages are attributed only from what the SBOM says | – |');
  out.push(`| data/distro/names.json | recorded from knowledge | ${distro.rpmNames} RPM and ${distro.apkNames} Alpine names mapped to Debian sources; ${distro.distributions} distribution namespaces, ${distro.vendors} with a vendor |`);
  for (const r of registries) out.push(`| ${r.name} | ${r.url}${r.version ? `, version ${r.version}` : ''}${r.date ? `, ${r.date}` : ''} | |`);
  out.push('', `${curatedSources} Debian source packages curated to their upstream (debianSources identifiers).`);
  return `${out.join('\n')}\n`;
}

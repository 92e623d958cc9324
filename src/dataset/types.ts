/**
 * The dataset: organisations, their identifiers, distribution platforms and restricted lists, as
 * curated in data/ (schemas in data/schema/) and as compiled into lookup tables.
 */

/** `community`: an open-source project no organisation controls; it has no country and no parent. */
export type Ownership = 'public' | 'private' | 'state' | 'nonprofit' | 'foundation' | 'government' | 'community';

/** How a fact was established: read in a document (with the date), or recorded from knowledge. */
export interface Source {
  url: string;
  established: 'confirmed' | 'knowledge';
  checked?: string;
  document?: string;
  facts?: string[];
}

/** The identifier kinds of an organisation record, each scoped to its ecosystem. */
export interface Identifiers {
  npmScopes?: string[];
  npmPackages?: string[];
  mavenGroups?: string[];
  pypiNames?: string[];
  pypiPrefixes?: string[];
  goModules?: string[];
  nugetPrefixes?: string[];
  cargoCrates?: string[];
  cargoPrefixes?: string[];
  gems?: string[];
  composerVendors?: string[];
  ociNamespaces?: string[];
  githubOrgs?: string[];
  gitlabGroups?: string[];
  cpeVendors?: string[];
  domains?: string[];
  pciVendors?: string[];
  usbVendors?: string[];
  /** x86 CPUID vendor strings (`GenuineIntel`), trimmed. */
  cpuVendorIds?: string[];
  /** Arm MIDR implementer codes (`0x41`). */
  armImplementers?: string[];
  /** os-release `ID` values (`ubuntu`, `rhel`). */
  osReleaseIds?: string[];
  /**
   * Debian source package names of the upstream projects the organisation (or community
   * project) makes (`openssl`, `glibc`): a distribution's binary package goes binary → source →
   * upstream through them. Alpine and RPM names reach them through data/distro/names.json.
   */
  debianSources?: string[];
}

/**
 * A kind of identifier the dataset indexes (`npmScopes`, `githubOrgs`, `debianSources`...).
 */
export type IdentifierKind = keyof Identifiers;

/** An organisation record as curated. */
export interface Organisation {
  id: string;
  name: string;
  aliases?: string[];
  /** ISO 3166-1 alpha-2; absent only for community projects. */
  country?: string;
  parent?: string;
  parentSince?: string;
  ownership: Ownership;
  identifiers?: Identifiers;
  /** Empty in the compiled built-in data unless loaded with `details` (see loadDataset). */
  sources: Source[];
  notes?: string;
}

/**
 * An organisations data file (data/orgs/*.json, or an overlay).
 */
export interface OrganisationsFile {
  organisations: Organisation[];
}

/**
 * A distribution platform (a registry, a Linux distribution): never an origin, whatever its owner.
 */
export interface Platform {
  id: string;
  name: string;
  kind: 'package-registry' | 'linux-distribution' | 'container-registry' | 'mirror' | 'app-store';
  aliases?: string[];
  domains?: string[];
  purlTypes?: string[];
  sources: Source[];
}

/**
 * The platforms data file (data/platforms.json, or an overlay).
 */
export interface PlatformsFile {
  platforms: Platform[];
}

/**
 * One entry of a restricted list: the organisation it names, as written, with its dates.
 */
export interface ListEntry {
  name: string;
  org?: string;
  category?: string;
  includesSubsidiaries?: boolean;
  listedFrom: string;
  listedUntil?: string;
  citation?: string;
}

/**
 * A government restricted list: its jurisdiction, authority, official sources and entries.
 */
export interface RestrictedList {
  id: string;
  title: string;
  jurisdiction: string;
  authority: string;
  legalBasis?: string;
  version: string;
  sources: Source[];
  entries: ListEntry[];
}

/** Everything curated, as read from data/ (and overlays). */
export interface RawDataset {
  organisations: Organisation[];
  platforms: Platform[];
  lists: RestrictedList[];
}

/**
 * The normalised inventory model: what every reader (CycloneDX, SPDX 2 and 3, npm projects, later
 * hardware) produces, and what attribution, policy and reporting read. Format-specific detail stays
 * in the readers; what is here means the same thing whatever the input was.
 *
 * Stability: this is the `wherefrom/inventory@1` contract. Fields may be added; none is renamed or
 * removed without a new schema version.
 */

/** Schema tag of the inventory JSON. */
export const INVENTORY_SCHEMA = 'wherefrom/inventory@1' as const;

/** Where something was found: the file, and a JSON pointer, or an XML element path, or a line. */
export interface Location {
  /** The file as the user named it (or as found under a directory they named); `-` for stdin. */
  file: string;
  /** RFC 6901 JSON pointer inside a JSON document. */
  pointer?: string;
  /** XML element path such as `/bom/components/component[3]` (1-based positions). */
  element?: string;
  /** 1-based line, where known (XML, tag-value, JSON syntax errors). */
  line?: number;
  /** 1-based column, where known. */
  column?: number;
  /** 0-based byte or character offset, where known (JSON syntax errors). */
  offset?: number;
}

/** The formats wherefrom reads. */
export type SourceFormat = 'cyclonedx' | 'spdx' | 'npm' | 'csv';

/** How the format was encoded. */
export type SourceEncoding = 'json' | 'xml' | 'tag-value' | 'json-ld' | 'npm-lockfile' | 'npm-node-modules' | 'csv';

/** The CycloneDX component types (1.2–1.7); SPDX and npm map onto them. */
export type ComponentType =
  | 'application'
  | 'framework'
  | 'library'
  | 'container'
  | 'platform'
  | 'operating-system'
  | 'device'
  | 'device-driver'
  | 'firmware'
  | 'file'
  | 'machine-learning-model'
  | 'data'
  | 'cryptographic-asset'
  | 'other';

/** The role a party plays for a component. */
export type PartyRole = 'supplier' | 'manufacturer' | 'author' | 'publisher' | 'originator' | 'provider';

/** Whether a party is an organisation, a person, a tool, or not said. */
export type PartyKind = 'organization' | 'person' | 'tool' | 'unspecified';

/** A party named by a bill of materials for a component (supplier, manufacturer, author...). */
export interface Party {
  role: PartyRole;
  kind: PartyKind;
  /** The name as written (trimmed). Absent when only an e-mail or URL was given. */
  name?: string;
  email?: string;
  /** URLs of the party (CycloneDX organizationalEntity.url). */
  urls: string[];
  /** ISO 3166-1 alpha-2 code of a declared address country (CycloneDX 1.6 `address.country`). */
  country?: string;
  /** The declared country as written, when given (kept also when it could not be turned into a code). */
  declaredCountry?: string;
  /** Where the party was declared. */
  location: Location;
}

/** One licence statement. */
export interface License {
  /** `id`: one SPDX id; `name`: free text; `expression`: an SPDX expression. */
  kind: 'id' | 'name' | 'expression';
  /** The text as written. */
  value: string;
  /** Whether `value` parses as a valid SPDX id or expression (always false for `name`). */
  valid: boolean;
  /** The SPDX licence ids (and LicenseRef-s) the expression names, sorted, when valid. */
  ids: string[];
  /** `declared` or `concluded` where the format says (SPDX; CycloneDX 1.6 `acknowledgement`). */
  acknowledgement?: 'declared' | 'concluded';
}

/** A hash of the component's artefact. */
export interface Hash {
  /** Normalised algorithm name: `SHA-256`, `SHA-512`, `SHA-1`, `MD5`, `SHA3-256`, `BLAKE2b-256`... */
  alg: string;
  /** Lower-case hex (or the value as written if it is not hex). */
  value: string;
}

/** An external reference (CycloneDX externalReferences; SPDX homepage, downloadLocation, externalRefs). */
export interface ExternalReference {
  /** CycloneDX reference type: `vcs`, `website`, `distribution`, `issue-tracker`, ... */
  type: string;
  url: string;
  comment?: string;
}

/** A name/value property (CycloneDX properties; npm flags are not put here). */
export interface Property {
  name: string;
  value: string;
}

/** A parsed package URL, normalised by packageurl-js. */
export interface PurlParts {
  type: string;
  namespace?: string;
  name: string;
  version?: string;
  qualifiers?: Record<string, string>;
  subpath?: string;
}

/** Flags of how a component enters (npm and CycloneDX npm properties; SPDX relationship kinds). */
export type ComponentFlag =
  | 'dev'
  | 'optional'
  | 'peer'
  | 'dev-optional'
  | 'bundled'
  | 'workspace'
  | 'link'
  | 'extraneous';

/** One component of the inventory: a package, library, device, firmware, file... */
export interface Component {
  /**
   * Stable id, unique in the inventory: the source file and the component's own reference in it
   * (`file#bom-ref`, `file#SPDXRef-...`, `file#node_modules/x`). Same input, same id.
   */
  id: string;
  /** The component's reference inside its document (bom-ref, SPDX id, npm location); generated when absent. */
  ref: string;
  type: ComponentType;
  name: string;
  /** CycloneDX `group`, the npm scope, the Maven groupId. */
  group?: string;
  version?: string;
  description?: string;
  /** The package URL, normalised by packageurl-js. */
  purl?: string;
  /** The purl's parts, when it parsed. */
  purlParts?: PurlParts;
  /** The (first) CPE, 2.3 formatted string or 2.2 URI, as written. */
  cpe?: string;
  /** Every CPE given, `cpe` first (SPDX can give several). */
  cpes: string[];
  parties: Party[];
  licenses: License[];
  hashes: Hash[];
  externalReferences: ExternalReference[];
  properties: Property[];
  /** CycloneDX scope; npm dev dependencies are `optional` here and carry the `dev` flag. */
  scope?: 'required' | 'optional' | 'excluded';
  flags: ComponentFlag[];
  /** Registry host the package was resolved from (npm `resolved`, CycloneDX distribution reference). */
  registry?: string;
  /** Id of the component this one is nested in (CycloneDX nested components, hardware assemblies). */
  parent?: string;
  /**
   * Shortest dependency path from the source's root to this component, as component ids, root's
   * direct dependency first and this component last. Filled for npm projects.
   */
  path?: string[];
  /** Hardware identifiers of a device, firmware or operating system (HBOMs, asset lists, the host). */
  hardware?: HardwareIds;
  /** Where it was found. */
  location: Location;
  /** Index into `Inventory.sources` of the document it came from. */
  source: number;
}

/**
 * What identifies a piece of hardware (or the firmware or operating system on it) and its maker,
 * as HBOMs, asset lists and the live host give it. Hex ids are lower case, without `0x`.
 * In CycloneDX these are properties: `wherefrom:pci:vendorId`, `wherefrom:usb:vendorId`,
 * `wherefrom:cpu:vendorId`, `wherefrom:os:id`..., and the `cdx:device:*` taxonomy
 * (`macAddress`, `serialNumber`, `quantity`).
 */
export interface HardwareIds {
  pci?: { vendor: string; device?: string; subsystemVendor?: string; subsystemDevice?: string; class?: string; address?: string };
  usb?: { vendor: string; product?: string };
  /** x86 CPUID vendor string (`GenuineIntel`), Arm implementer code (`0x41`) and part number. */
  cpu?: { vendorId?: string; implementer?: string; part?: string };
  /** os-release `ID` (`debian`, `ubuntu`, `kylin`). */
  osId?: string;
  /** MAC addresses of the device's network interfaces, as written. */
  macAddresses?: string[];
  model?: string;
  partNumber?: string;
  serialNumber?: string;
  quantity?: number;
  /** Where the device is (site, room, rack), as an asset list says. */
  site?: string;
}

/** A service (CycloneDX `services`): kept apart from components. */
export interface Service {
  id: string;
  ref: string;
  name: string;
  group?: string;
  version?: string;
  description?: string;
  endpoints: string[];
  authenticated?: boolean;
  crossesTrustBoundary?: boolean;
  parties: Party[];
  licenses: License[];
  externalReferences: ExternalReference[];
  properties: Property[];
  parent?: string;
  location: Location;
  source: number;
}

/** The kinds of graph edges, normalised across formats. */
export type EdgeKind =
  | 'depends-on'
  | 'dev-depends-on'
  | 'optional-depends-on'
  | 'peer-depends-on'
  | 'build-depends-on'
  | 'test-depends-on'
  | 'runtime-depends-on'
  | 'provided-depends-on'
  | 'contains'
  | 'describes'
  | 'other';

/**
 * A directed edge: `from` depends on / contains / describes `to`. Both ends are ids of
 * components, services, subjects or subject parts; a `describes` edge of SPDX starts at the
 * document's own id (`file#SPDXRef-DOCUMENT`).
 */
export interface DependencyEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  location: Location;
}

/** A document read into the inventory. */
export interface SourceDocument {
  /** The file as named; `-` for stdin. */
  file: string;
  format: SourceFormat;
  encoding: SourceEncoding;
  /** Spec version as the document states it: `1.6`, `SPDX-2.3`, `3.0.1`, npm `lockfileVersion`. */
  specVersion: string;
  /** Document serial number / namespace / SPDX id, when present. */
  serialNumber?: string;
  /** Document name (SPDX `name`), when present. */
  name?: string;
  /** The tools that wrote the document, as written. */
  tools: string[];
  /** What the document describes: CycloneDX `metadata.component`, the npm root package. Not counted as a component. */
  subject?: Component;
  /**
   * Components nested in the subject (CycloneDX `metadata.component.components`, e.g. a Go
   * module's own packages): first-party parts of the product the document describes, so, like
   * the subject, not counted among `Inventory.components`. Dependency edges may point at them.
   */
  subjectParts?: Component[];
  /** Document-level parties: CycloneDX `metadata.supplier`/`manufacturer`/`authors`, SPDX creators' organisations. */
  parties: Party[];
  /** Number of components (and services) read from it. */
  componentCount: number;
  serviceCount: number;
}

/** A non-fatal problem: the input was read, but something in it was odd or could not be used. */
export interface Diagnostic {
  code: DiagnosticCode;
  message: string;
  location: Location;
}

/** Codes of non-fatal diagnostics. */
export type DiagnosticCode =
  | 'INVALID_PURL'
  | 'INVALID_LICENSE'
  | 'UNKNOWN_COUNTRY'
  | 'UNKNOWN_REFERENCE'
  | 'DUPLICATE_REFERENCE'
  | 'SPEC_VERSION_OUTSIDE_RANGE'
  | 'UNKNOWN_COMPONENT_TYPE'
  | 'TRUNCATED_VALUE'
  | 'MISSING_FIELD'
  | 'NPM_PROBLEM';

/** A file that could not be read; the others still were. */
export interface InputIssue {
  code: string;
  message: string;
  location: Location;
  expected?: string;
}

/** Everything read from the sources, normalised. */
export interface Inventory {
  schema: typeof INVENTORY_SCHEMA;
  sources: SourceDocument[];
  components: Component[];
  services: Service[];
  dependencies: DependencyEdge[];
  /** Non-fatal problems in files that were read. */
  diagnostics: Diagnostic[];
  /** Files that could not be read at all. */
  errors: InputIssue[];
}

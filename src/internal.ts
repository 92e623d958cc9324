/**
 * Everything the command line, the scripts and the benchmarks use, public or not: the public
 * surface (./index.ts) plus the helpers it keeps out of the library's API (escaping, JSON and
 * CSV parsing, the data directory's files, text renderers of statistics). Not a stable API: it is
 * not in the package's `exports`, and may change in any release.
 */
export * from './index.js';
export { documentReaders } from './ingest/registry.js';
export type { DocumentInput, DocumentReader, DocumentResult, ReadContext } from './ingest/types.js';
export { csvField, terminalSafe } from './report/escape.js';
export { Attributor, cpeVendor, todayUtc } from './attribute/index.js';
export { IDENTIFIER_KINDS, registrableDomain, pypiName } from './dataset/index.js';
export type { CompiledIndex, CompiledKeys, Hit } from './dataset/index.js';
export { addDataFile, dataDir, dataFileKind, dataFiles, readDataDir, readJson, builtinData, splitDetails } from './dataset/load.js';
export type { CompiledData, DataDetails } from './dataset/load.js';
export { normalizeName } from './dataset/names.js';
export { renderStats, renderTables } from './dataset/stats.js';
export { decide, HARDWARE_TYPES } from './policy/evaluate.js';
export { stripJsonComments } from './policy/parse.js';
export { renderScanJson, renderScanTable, findingText } from './report/scan.js';
export { RENDERERS } from './report/index.js';
export { addLines, pointerLines } from './report/locate.js';
export { renderCycloneDx } from './report/cyclonedx.js';
export { renderSarif } from './report/sarif.js';
export { renderJunit } from './report/junit.js';
export { markdownEscape, renderMarkdown } from './report/markdown.js';
export { renderCsv } from './report/csv.js';
export type { Renderer } from './report/index.js';
export { parseJson } from './ingest/json.js';
export { parseCsv, sniffSeparator } from './ingest/csv-parse.js';
export { CSV_FIELDS, csvAssetReader, parseCsvColumns, readAssetList, sniffAssetList } from './ingest/csv.js';
export { HW, hardwareFromProperties, hardwareProperties, isHardwareProperty } from './ingest/hardware.js';
export { catalogFiles, isCatalogDoc, purlKey } from './plan/catalog.js';
export { renderPlanCsv, renderPlanJson, renderPlanMarkdown } from './plan/render.js';
export { renderCatalogStats } from './plan/validate.js';
export { htmlEscape, renderHtml } from './report/html.js';
export { macIsLocal, macRegistrant, pciName, registrySources, usbName } from './hwids/index.js';
export type { RegistryName, RegistrySource } from './hwids/index.js';
export type { CsvParse, CsvProblem, CsvRecord } from './ingest/csv-parse.js';
export { formatLocation } from './errors.js';
export { searchRoot } from './policy/load.js';
// Classes the public surface exports as types only.
export { Dataset } from './dataset/index.js';
export { Catalog } from './plan/catalog.js';
// Distribution packages, image layers and individual maintainers.
export { debianArchive, distroNames, distroPackage, distroTables, imageRepository, isLayer, nameFamily } from './distro/index.js';
export type { ArchiveSource, DebianArchive, DistroPackage, DistroTables } from './distro/index.js';
export { imageContext } from './attribute/index.js';
export type { ComponentContext } from './attribute/index.js';
export { individualMaintainers, maintainerText } from './attribute/maintainers.js';
export { hostsProblems, validateHosts } from './attribute/hosts.js';
export { inheritedReference, parentsProblems, referenceKey, setAsideReferences, validateParents } from './attribute/parents.js';
export { auditAttributions, renderAudit, weakSignal } from './attribute/audit.js';
export type { Audit, AuditGroup, SetAsideGroup, WeakSignal } from './attribute/audit.js';

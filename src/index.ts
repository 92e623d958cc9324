/**
 * wherefrom: who controls each part of a system, and from where.
 *
 * The library: each stage is a function of its inputs (no network, no printing, no exiting).
 * The CLI in ../cli is a thin shell over these exports.
 */
export { inventory } from './ingest/index.js';
export type { InventoryOptions, InventorySource } from './ingest/index.js';
export { documentReaders } from './ingest/registry.js';
export type { DocumentInput, DocumentReader, DocumentResult, ReadContext } from './ingest/types.js';
export { renderInventory, INVENTORY_FORMATS } from './report/inventory.js';
export type { InventoryFormat } from './report/inventory.js';
export { csvField, terminalSafe } from './report/escape.js';
export { InputError, UsageError, formatLocation } from './errors.js';
export type { InputErrorCode } from './errors.js';
export { EXIT } from './exit.js';
export type { ExitCode } from './exit.js';
export * from './model.js';

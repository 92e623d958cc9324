/**
 * `wherefrom data validate|stats|audit`: check data and catalog files; the coverage of the built-in
 * ones; the audit of the attributions of some inputs (grouped by controller and evidence, the ones
 * resting on one weak signal first).
 */
import path from 'node:path';
import {
  catalogFiles,
  catalogStats,
  dataDir,
  dataFiles,
  datasetStats,
  EXIT,
  isCatalogDoc,
  loadCatalog,
  loadDataset,
  readDataDir,
  readJson,
  renderCatalogStats,
  renderStats,
  renderTables,
  registrySources,
  distroTables,
  terminalSafe,
  validateCatalogFiles,
  validateDataFiles,
  hostsProblems,
  parentsProblems,
  attribute,
  auditAttributions,
  inventory,
  renderAudit,
  UsageError,
} from '../../src/internal.js';
import type { Command } from '../command.js';
import { cwdOf, emit, reportProblems } from '../io.js';
import { asOfArg, dataArg } from '../options.js';

export const dataCommand: Command = {
  command: 'data <action> [files..]',
  describe:
    'The dataset and the catalog: "validate" checks data and catalog files (default: the built-in ones), "stats" shows their coverage, "audit PATH..." groups the attributions of inputs by controller and evidence, those resting on one weak signal first (Markdown)',
  builder: (y) =>
    y
      .positional('action', { choices: ['validate', 'stats', 'audit'] as const })
      .positional('files', { describe: 'data files to check (validate); inputs to audit, as for inventory (audit)', type: 'string', array: true })
      .option('output', { alias: 'o', describe: 'audit: write the Markdown to FILE (atomically)', type: 'string' })
      .option('data', { describe: 'audit: an overlay data file; may repeat', type: 'string' })
      .option('as-of', { describe: 'audit: as for scan', type: 'string' }),
  async run(args, io) {
    const cwd = cwdOf(io);
    if (args.action === 'audit') {
      const files = (args.files as string[] | undefined) ?? [];
      if (files.length === 0) throw new UsageError('data audit needs the inputs to audit: wherefrom data audit PATH...');
      const inv = await inventory(files, { cwd });
      const dataset = loadDataset({ overlays: dataArg(args, io), details: true });
      const asOf = asOfArg(args);
      const at = attribute(inv, dataset, asOf !== undefined ? { asOf } : {});
      await emit(renderAudit(auditAttributions(inv, at, dataset), files.join(', ')), args.output as string | undefined, io);
      reportProblems(inv, io, args.quiet === true);
      return inv.errors.length > 0 ? EXIT.INPUT : EXIT.OK;
    }
    if (args.action === 'stats') {
      const raw = readDataDir(dataDir());
      const stats = datasetStats(raw);
      io.stdout.write(renderStats(stats));
      io.stdout.write(renderTables(distroTables(), registrySources(), stats.byIdentifier.find(([k]) => k === 'debianSources')?.[1] ?? 0));
      if (catalogFiles().length > 0) {
        const dataset = loadDataset();
        io.stdout.write(`\n${renderCatalogStats(catalogStats(loadCatalog(dataset), dataset))}`);
      }
      return EXIT.OK;
    }
    // Named files are checked by kind (a catalog file has "categories" or "products"); with none
    // named, the built-in data and catalog.
    const given = ((args.files as string[] | undefined) ?? []).map((f) => path.resolve(cwd, f));
    const isCatalog = (f: string) => {
      try {
        return isCatalogDoc(readJson(f));
      } catch {
        return false; // unreadable: the data files' validation reports it
      }
    };
    const catalogs = given.length > 0 ? given.filter(isCatalog) : catalogFiles();
    const files = given.length > 0 ? given.filter((f) => !catalogs.includes(f)) : dataFiles(dataDir());
    const report = validateDataFiles(files);
    const problems = [...report.problems];
    // The built-in tables beside the organisations: hosts that are never evidence, inherited references.
    const tables = given.length > 0 ? [] : [path.join(dataDir(), 'hosts.json'), path.join(dataDir(), 'parents.json')];
    for (const t of tables) problems.push(...(path.basename(t) === 'hosts.json' ? hostsProblems(t) : parentsProblems(t)));
    if (catalogs.length > 0) {
      // Catalog products name organisations: of the built-in data, and of the data files named.
      const dataset = loadDataset({ overlays: given.length > 0 ? files : [] });
      problems.push(...validateCatalogFiles(catalogs, dataset).problems);
    }
    for (const p of problems) {
      io.stderr.write(`error: ${terminalSafe(path.relative(cwd, p.file) || p.file)}${p.pointer ? `#${p.pointer}` : ''}: ${terminalSafe(p.message)}\n`);
    }
    const n = files.length + catalogs.length + tables.length;
    io.stdout.write(`${n} data file${n === 1 ? '' : 's'} checked, ${problems.length} problem${problems.length === 1 ? '' : 's'}\n`);
    return problems.length > 0 ? EXIT.INPUT : EXIT.OK;
  },
};

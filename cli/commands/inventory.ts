/** `wherefrom inventory`: read bills of materials and npm projects into one inventory. */
import { EXIT, inventory, INVENTORY_FORMATS, renderInventory, type InventoryFormat } from '../../src/internal.js';
import type { Command } from '../command.js';
import { cwdOf, emit, progressFor, reportProblems } from '../io.js';
import { COLUMNS, columnsArg, sourcesArg } from '../options.js';

export const inventoryCommand: Command = {
  command: 'inventory <paths..>',
  describe: 'Read bills of materials and npm projects into one inventory',
  builder: (y) =>
    y
      .positional('paths', {
        describe: 'SBOM files (CycloneDX, SPDX), npm project folders, directories to search, or - for stdin',
        type: 'string',
        array: true,
      })
      .option('format', {
        alias: 'f',
        describe: 'Output format (default: table on a terminal, json otherwise)',
        choices: INVENTORY_FORMATS as InventoryFormat[],
      })
      .option('output', { alias: 'o', describe: 'Write the report to FILE instead of stdout (atomically)', type: 'string' })
      .option('columns', COLUMNS),
  async run(args, io) {
    const format = (args.format as InventoryFormat | undefined) ?? (io.stdoutIsTTY ? 'table' : 'json');
    const progress = progressFor(args, io);
    const columns = columnsArg(args);
    const inv = await inventory(await sourcesArg(args, io), { cwd: cwdOf(io), ...(progress ? { onProgress: progress } : {}), ...(columns ? { csvColumns: columns } : {}) });
    await emit(renderInventory(inv, format), args.output as string | undefined, io);
    reportProblems(inv, io, args.quiet === true);
    return inv.errors.length > 0 ? EXIT.INPUT : EXIT.OK;
  },
};

/**
 * `wherefrom plan`: the scan, then for each flagged component the replacements the same
 * policies allow. Advice, not a gate: exit 0 (2 for bad input or usage), whatever was flagged.
 */
import pkg from '../../package.json' with { type: 'json' };
import { EXIT, PLAN_FORMATS, render, renderPlan, UsageError } from '../../src/internal.js';
import type { Command } from '../command.js';
import { emit, reportProblems } from '../io.js';
import { COLUMNS, outputsArg, scanningOptions } from '../options.js';
import { runScan } from './scan.js';

export const planCommand: Command = {
  command: 'plan <paths..>',
  describe: 'For each component a policy flags, the replacements the same policy allows, from the catalog',
  builder: (y) =>
    scanningOptions(y.positional('paths', { describe: 'as for inventory', type: 'string', array: true }), {
      what: 'Plan',
      formats: PLAN_FORMATS,
      defaults: 'markdown on a terminal, json otherwise',
    })
      .option('catalog', { describe: 'A catalog file of your own (categories and products, data/schema/catalog.schema.json); may repeat', type: 'string' })
      .option('columns', COLUMNS),
  async run(args, io) {
    const outputs = outputsArg(args, io, PLAN_FORMATS, 'markdown', 'json');
    const result = await runScan(args, io, { plan: true });
    if (!result.plan) throw new UsageError('plan needs a policy to know what to replace: --policy FILE, a project policy file, or --deny-country, --deny-list, --deny-org...');
    for (const { format, file } of outputs) {
      await emit(format === 'html' ? render(result, 'html', { toolVersion: pkg.version }) : renderPlan(result.plan, format), file, io);
    }
    reportProblems(result.inventory, io, args.quiet === true);
    return result.inventory.errors.length > 0 ? EXIT.INPUT : EXIT.OK;
  },
};

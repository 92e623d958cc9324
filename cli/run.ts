/**
 * The command line's wiring: yargs parses the arguments, the command named runs (one module per
 * command in ./commands), and the errors become exit codes. `runCli(argv, io)` never exits the
 * process and never touches the real stdio, so it is tested in-process; ./bin.ts wires it to
 * the process.
 */
import yargs, { type Argv } from 'yargs';
import pkg from '../package.json' with { type: 'json' };
import { DatasetError, EXIT, PolicyError, UsageError } from '../src/internal.js';
import type { Command } from './command.js';
import { dataCommand } from './commands/data.js';
import { explainCommand } from './commands/explain.js';
import { hostCommand } from './commands/host.js';
import { initCommand } from './commands/init.js';
import { inventoryCommand } from './commands/inventory.js';
import { lookupCommand } from './commands/lookup.js';
import { planCommand } from './commands/plan.js';
import { scanCommand } from './commands/scan.js';
import { type CliIo, type Parsed, STDIN } from './io.js';

export type { CliIo } from './io.js';

/** Every command, in the order `--help` lists them. */
const COMMANDS: readonly Command[] = [inventoryCommand, scanCommand, hostCommand, planCommand, initCommand, explainCommand, lookupCommand, dataCommand];

function buildParser(): Argv {
  let y = yargs()
    .scriptName('wherefrom')
    .usage('$0 <command> [options]\n\nWho controls each part of a system, and from where.')
    .option('quiet', { alias: 'q', describe: 'Print only findings and errors (no warnings, no progress; the table lists only findings)', type: 'boolean', global: true });
  for (const c of COMMANDS) y = y.command(c.command, c.describe, c.builder);
  return y
    .demandCommand(1, 'Name a command: wherefrom inventory PATH...')
    .strict()
    .exitProcess(false)
    .help()
    .alias('h', 'help')
    .version(pkg.version)
    .wrap(100)
    .epilogue('Exit codes: 0 clean, 1 policy findings, 2 usage or input error, 3 internal error.\nColour: on a terminal, unless NO_COLOR is set; FORCE_COLOR=1 forces it, FORCE_COLOR=0 turns it off.');
}

/** Parses argv; resolves with the arguments and any text yargs made (help, version). */
function parse(argv: readonly string[]): Promise<{ args: Parsed; output: string }> {
  return new Promise((resolve, reject) => {
    buildParser()
      .fail((msg, err) => {
        throw err ?? new UsageError(msg);
      })
      .parse(argv.map((a) => (a === '-' ? STDIN : a)), {}, (err, args, output) => {
        if (err) reject(err instanceof UsageError ? err : new UsageError(err.message));
        else resolve({ args: args as Parsed, output });
      });
  });
}

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { args, output } = await parse(argv);
    if (output) {
      io.stdout.write(`${output}\n`);
      return EXIT.OK;
    }
    const name = String(args._[0]);
    const command = COMMANDS.find((c) => c.command.split(' ')[0] === name);
    if (!command) throw new UsageError(`unknown command ${JSON.stringify(name)}`);
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof DatasetError) {
      io.stderr.write(`wherefrom: data error: ${e.message}\n`);
      return EXIT.INPUT;
    }
    if (e instanceof PolicyError) {
      io.stderr.write(`wherefrom: ${e.message}\n`);
      return EXIT.INPUT;
    }
    if (e instanceof UsageError) {
      io.stderr.write(`wherefrom: ${e.message}\nRun "wherefrom --help" for usage.\n`);
      return EXIT.INPUT;
    }
    io.stderr.write(`wherefrom: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.INTERNAL;
  }
}

/** The shape of one command: its yargs definition and what it runs. */
import type { Argv } from 'yargs';
import type { CliIo, Parsed } from './io.js';

export interface Command {
  /** The yargs command string (`scan <paths..>`). */
  command: string;
  describe: string;
  builder: (y: Argv) => Argv;
  /** Runs the command and returns the exit code; throws UsageError, PolicyError or DatasetError for exit 2. */
  run: (args: Parsed, io: CliIo) => Promise<number> | number;
}

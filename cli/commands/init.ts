/** `wherefrom init`: write a starter policy file (JSON with comments) to fill in. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EXIT, starterPolicy, terminalSafe, UsageError } from '../../src/internal.js';
import type { Command } from '../command.js';
import { cwdOf, many } from '../io.js';

export const initCommand: Command = {
  command: 'init',
  describe: 'Write a starter policy file (JSON with comments) to fill in; wherefrom.policy.json is found by scan without flags',
  builder: (y) =>
    y
      .option('output', { alias: 'o', describe: 'Where to write it', type: 'string', default: 'wherefrom.policy.json' })
      .option('deny-country', { describe: 'Countries to deny (ISO 3166-1 alpha-2, comma-separated; may repeat)', type: 'string' })
      .option('warn-country', { describe: 'Countries to warn about', type: 'string' })
      .option('home', { describe: 'Your own country: allowed, and every other origin warned about by default', type: 'string' })
      .option('force', { describe: 'Overwrite an existing file', type: 'boolean', default: false }),
  async run(args, io) {
    const file = path.resolve(cwdOf(io), String(args.output));
    const text = starterPolicy({
      denyCountry: many(args, 'deny-country'),
      warnCountry: many(args, 'warn-country'),
      ...(args.home !== undefined ? { home: String(args.home) } : {}),
    });
    try {
      await writeFile(file, text, { flag: args.force ? 'w' : 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${String(args.output)} exists: use --force to overwrite it`);
      throw e;
    }
    const found = path.basename(file) === 'wherefrom.policy.json' && path.dirname(file) === cwdOf(io);
    io.stdout.write(`wrote ${terminalSafe(String(args.output))}: edit it, then run wherefrom scan ${found ? '' : `--policy ${terminalSafe(String(args.output))} `}PATH...\n`);
    return EXIT.OK;
  },
};

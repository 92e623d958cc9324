/**
 * `wherefrom host`: the host's HBOM, made from sysfs and procfs under --root, then scanned like
 * any other document (so policies, formats and exit codes are those of `scan`); `cyclonedx`
 * gives the HBOM itself, enriched with the attributions.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { hostBom, REPORT_FORMATS, UsageError } from '../../src/internal.js';
import type { Command } from '../command.js';
import { cwdOf } from '../io.js';
import { scanningOptions } from '../options.js';
import { FAIL_ON, scanAndReport } from './scan.js';

export const hostCommand: Command = {
  command: 'host',
  describe: 'Read this Linux host (sysfs, procfs) into a hardware BOM, attributed: devices, CPUs, firmware, the OS',
  builder: (y) =>
    scanningOptions(
      y
        .option('root', { describe: 'Read the tree under DIR instead of / (a captured sysfs/procfs tree)', type: 'string', default: '/' })
        .option('packages', { describe: 'Also list the installed Debian packages (/var/lib/dpkg/status)', type: 'boolean', default: false }),
      { what: 'Report', formats: REPORT_FORMATS, defaults: 'table on a terminal, cyclonedx (the HBOM) otherwise' },
    ).option('fail-on', { ...FAIL_ON, describe: 'as for scan' }),
  async run(args, io) {
    const root = path.resolve(cwdOf(io), String(args.root ?? '/'));
    if (!existsSync(root)) throw new UsageError(`--root ${JSON.stringify(String(args.root))}: no such directory`);
    const bom = hostBom({ root, packages: args.packages === true, toolVersion: pkg.version });
    const file = args.root === undefined || args.root === '/' ? 'host' : `host:${String(args.root)}`;
    return scanAndReport({ ...args, paths: [] }, io, { file, text: `${JSON.stringify(bom, null, 2)}\n` });
  },
};

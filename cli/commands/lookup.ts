/** `wherefrom lookup`: an organisation, by id, name or identifier: parents, identifiers, lists, sources. */
import { EXIT, lookup, terminalSafe, todayUtc } from '../../src/internal.js';
import type { Command } from '../command.js';
import { datasetArg } from '../options.js';

export const lookupCommand: Command = {
  command: 'lookup <query>',
  describe: 'Show an organisation (by id, name or identifier): parents, identifiers, lists, sources',
  builder: (y) => y.positional('query', { type: 'string' }).option('data', { describe: 'An overlay data file; may repeat', type: 'string' }),
  run(args, io) {
    const dataset = datasetArg(args, io, true);
    const found = lookup(String(args.query), dataset);
    if (!found) {
      io.stderr.write(`wherefrom: no organisation matches ${terminalSafe(JSON.stringify(String(args.query)))} (by id, name or identifier)\n`);
      return EXIT.INPUT;
    }
    const o = found.org;
    const chain = dataset.chain(o);
    const out = [
      `${o.name} [${o.id}] (matched by ${found.matchedBy})`,
      o.country === undefined ? `ownership ${o.ownership}: no controlling organisation, no country` : `country ${o.country}, ownership ${o.ownership}`,
      ...(chain.length > 1 ? [`parents: ${chain.slice(1).map((p) => `${p.name} [${p.id}] ${p.country}`).join(' → ')}${o.parentSince ? ` (since ${o.parentSince})` : ''}`] : []),
      ...(o.aliases?.length ? [`aliases: ${o.aliases.join('; ')}`] : []),
      ...Object.entries(o.identifiers ?? {}).map(([k, v]) => `${k}: ${(v as string[]).join(', ')}`),
      ...dataset.listsFor(o, todayUtc()).map((m) => `on list: ${m.list.id} (${m.list.jurisdiction}) as "${m.entry.name}" since ${m.entry.listedFrom}`),
      ...o.sources.map((s) => `source: ${s.url} (${s.established === 'confirmed' ? `confirmed ${s.checked} against ${s.document}` : 'recorded from knowledge, not yet confirmed'})`),
      ...(o.notes ? [`notes: ${o.notes}`] : []),
    ];
    io.stdout.write(`${out.map(terminalSafe).join('\n')}\n`);
    return EXIT.OK;
  },
};

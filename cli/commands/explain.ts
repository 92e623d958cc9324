/** `wherefrom explain`: how one identifier is attributed, step by step. */
import { EXIT, explain, terminalSafe, todayUtc } from '../../src/internal.js';
import type { Command } from '../command.js';
import { asOfArg, datasetArg } from '../options.js';

export const explainCommand: Command = {
  command: 'explain <identifier>',
  describe: 'Show how one purl, CPE, organisation name or hardware id (pci:15b3, usb:046b, cpu:GenuineIntel, arm:0x48, os:ubuntu, mac:00:1b:21:…) is attributed, step by step',
  builder: (y) =>
    y
      .positional('identifier', { type: 'string' })
      .option('data', { describe: 'An overlay data file; may repeat', type: 'string' })
      .option('as-of', { describe: 'Date for restricted-list membership (YYYY-MM-DD)', type: 'string' }),
  run(args, io) {
    const x = explain(String(args.identifier), datasetArg(args, io), asOfArg(args) ?? todayUtc());
    const out = [`${x.kind}: ${x.input}`, ...x.steps.map((s, i) => `  ${i + 1}. ${s}`)];
    const a = x.attribution;
    if (a) {
      out.push(`organisation: ${a.org.name} [${a.org.id}], ${a.org.country ?? 'community project, no country'}`);
      if (x.chain.length > 1) out.push(`parents: ${x.chain.slice(1).map((o) => `${o.name} [${o.id}], ${o.country}`).join(' → ')}`);
      out.push(`controller: ${a.controller.name} [${a.controller.id}], country ${a.country ?? 'none (community)'}; confidence ${a.confidence}`);
      for (const l of a.lists) out.push(`on list: ${l.id} (${l.jurisdiction}) as "${l.entry}"${l.via !== a.org.id ? ` through ${l.via}` : ''}, since ${l.listedFrom}`);
      for (const c of a.conflicts) out.push(`conflicting: ${c.field} ${JSON.stringify(c.value)} → ${c.record} (${c.rule})`);
    }
    io.stdout.write(`${out.map(terminalSafe).join('\n')}\n`);
    return EXIT.OK;
  },
};

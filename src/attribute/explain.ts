/**
 * `explain` and `lookup`: how one identifier is attributed, step by step, and what the dataset
 * holds about one organisation. Data, not text: the CLI renders it.
 */
import { type Dataset, IDENTIFIER_KINDS } from '../dataset/index.js';
import { normalizeName } from '../dataset/names.js';
import type { Organisation } from '../dataset/types.js';
import { newComponent, setPurl } from '../ingest/component.js';
import { Diagnostics } from '../ingest/normalize.js';
import { macIsLocal, macRegistrant, pciName, usbName } from '../hwids/index.js';
import { armCode, hex4, osReleaseId } from '../ingest/hardware.js';
import type { Component, HardwareIds } from '../model.js';
import { type Attribution, Attributor, cpeVendor } from './index.js';

/**
 * How one identifier is attributed, step by step (`wherefrom explain`).
 */
export interface Explanation {
  input: string;
  /** What the input was read as. */
  kind: 'purl' | 'cpe' | 'name' | 'hardware';
  /** The forms looked up: the normalised purl and its parts, the CPE vendor, the normalised name. */
  steps: string[];
  attribution: Attribution | null;
  /** The organisation, its parents and the controller, nearest first. */
  chain: Organisation[];
}

/**
 * Attributes one purl, CPE, organisation name or hardware id (`pci:15b3`, `usb:046b`, `cpu:GenuineIntel`,
 * `arm:0x48`, `os:ubuntu`, `mac:00:1b:21:00:00:01`) as the engine would inside a bill of materials.
 */
export function explain(input: string, dataset: Dataset, asOf: string): Explanation {
  const diags = new Diagnostics();
  const loc = { file: '(explain)' };
  const c: Component = newComponent('(explain)', '(explain)', input, 'library', loc, 0);
  const steps: string[] = [];
  let kind: Explanation['kind'];
  if (input.startsWith('pkg:')) {
    kind = 'purl';
    setPurl(c, input, loc, diags);
    if (c.purlParts) {
      const p = c.purlParts;
      steps.push(`purl normalised: ${c.purl}`, `ecosystem ${p.type}, namespace ${p.namespace ?? '(none)'}, name ${p.name}`);
    } else steps.push(`not a valid purl: ${diags.items[0]?.message ?? ''}`);
  } else if (/^(?:pci|usb|cpu|arm|os|mac):/i.test(input)) {
    kind = 'hardware';
    const i = input.indexOf(':');
    const scheme = input.slice(0, i).toLowerCase();
    const value = input.slice(i + 1);
    const hw: HardwareIds = {};
    if (scheme === 'pci' || scheme === 'usb') {
      const [vendor, device] = value.split(':').map((v) => hex4(v));
      if (vendor) {
        hw[scheme] = scheme === 'pci' ? { vendor, ...(device ? { device } : {}) } : { vendor, ...(device ? { product: device } : {}) };
        const name = scheme === 'pci' ? pciName(vendor, device) : usbName(vendor, device);
        steps.push(name ? `${name.registry}: ${vendor} is "${name.vendor}"${name.device !== undefined ? `, device ${device} "${name.device}"` : ''}` : `${scheme}.ids has no vendor ${vendor}`);
      }
    } else if (scheme === 'cpu') hw.cpu = { vendorId: value.trim() };
    else if (scheme === 'arm') {
      const code = armCode(value);
      if (code) hw.cpu = { implementer: code };
    } else if (scheme === 'os') {
      const id = osReleaseId(value);
      if (id) hw.osId = id;
    } else {
      hw.macAddresses = [value];
      const r = macRegistrant(value);
      if (macIsLocal(value)) steps.push('a locally administered or group address: made up by software, it names no manufacturer');
      else steps.push(r ? `${r.registry}: ${r.block} block ${r.prefix} is registered to "${r.name}"` : 'no IEEE block covers it');
    }
    if (Object.keys(hw).length === 0) steps.push(`not a ${scheme} id: ${JSON.stringify(value)}`);
    else c.hardware = hw;
  } else if (/^cpe:/i.test(input)) {
    kind = 'cpe';
    c.cpe = input;
    c.cpes = [input];
    steps.push(`CPE vendor: ${cpeVendor(input) ?? '(none)'}`);
  } else {
    kind = 'name';
    c.parties = [{ role: 'supplier', kind: 'unspecified', name: input, urls: [], location: loc }];
    const platform = dataset.platformByName(input);
    steps.push(`name normalised: "${normalizeName(input)}"`);
    if (platform) steps.push(`"${input}" is the distribution platform ${platform.name} (${platform.kind}): never an origin`);
  }
  const attribution = new Attributor(dataset, asOf).component(c);
  if (attribution) for (const e of attribution.evidence) steps.push(`${e.field} ${JSON.stringify(e.value)} matched ${e.rule}${e.via !== undefined ? ` (${e.via})` : ''} → ${e.record}`);
  else steps.push('no rule of the dataset matches: unknown');
  const org = attribution ? dataset.organisations.get(attribution.org.id) : undefined;
  return { input, kind, steps, attribution, chain: org ? dataset.chain(org) : [] };
}

/** An organisation by id, by name (whole, normalised), or by any identifier it holds. */
export function lookup(query: string, dataset: Dataset): { org: Organisation; matchedBy: string } | undefined {
  const byId = dataset.organisations.get(query);
  if (byId) return { org: byId, matchedBy: 'id' };
  const byName = dataset.byName(query);
  if (byName) return { org: byName.org, matchedBy: `name "${byName.key}"` };
  for (const k of IDENTIFIER_KINDS) {
    const hit = dataset.exact(k, query);
    if (hit) return { org: hit.org, matchedBy: `${k} ${hit.key}` };
  }
  return undefined;
}

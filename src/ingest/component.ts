/** Building blocks the readers share to make components. */
import type { Component, ComponentType, Location } from '../model.js';
import { type Diagnostics, normalizePurl } from './normalize.js';

const TYPES = new Set<ComponentType>([
  'application',
  'framework',
  'library',
  'container',
  'platform',
  'operating-system',
  'device',
  'device-driver',
  'firmware',
  'file',
  'machine-learning-model',
  'data',
  'cryptographic-asset',
  'other',
]);

/** A CycloneDX component type, or `other` (with a diagnostic) for one this version does not know. */
export function componentType(raw: string | undefined, loc: Location, diags: Diagnostics): ComponentType {
  if (raw === undefined) return 'library';
  if (TYPES.has(raw as ComponentType)) return raw as ComponentType;
  diags.add('UNKNOWN_COMPONENT_TYPE', `unknown component type ${JSON.stringify(raw)}, read as "other"`, loc);
  return 'other';
}

/** The list fields of a component. */
type ComponentList = 'cpes' | 'parties' | 'licenses' | 'hashes' | 'externalReferences' | 'properties' | 'flags';

/**
 * A component with every list empty (or as given): readers fill in what their format gives. Every optional
 * field is present (as undefined, which JSON leaves out) so all components share one shape:
 * faster on big inputs, and the same key order in the JSON whatever the reader.
 */
export function newComponent(
  id: string,
  ref: string,
  name: string,
  type: ComponentType,
  location: Location,
  source: number,
  lists?: Partial<Pick<Component, ComponentList>>,
): Component {
  return {
    id,
    ref,
    type,
    name,
    group: undefined,
    version: undefined,
    description: undefined,
    purl: undefined,
    purlParts: undefined,
    cpe: undefined,
    cpes: lists?.cpes ?? [],
    parties: lists?.parties ?? [],
    licenses: lists?.licenses ?? [],
    hashes: lists?.hashes ?? [],
    externalReferences: lists?.externalReferences ?? [],
    properties: lists?.properties ?? [],
    scope: undefined,
    flags: lists?.flags ?? [],
    registry: undefined,
    parent: undefined,
    path: undefined,
    hardware: undefined,
    location,
    source,
  };
}

/** Sets `purl` and `purlParts` from a raw package URL; an invalid one is reported and left out. */
export function setPurl(c: Component, raw: string | undefined, loc: Location, diags: Diagnostics): void {
  if (raw === undefined) return;
  const p = normalizePurl(raw, loc, diags);
  if (p) {
    c.purl = p.purl;
    c.purlParts = p.parts;
  }
}

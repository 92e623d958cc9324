/**
 * Lifts a CycloneDX XML element tree into the shape of CycloneDX JSON, so one normaliser reads
 * both. Only the elements wherefrom reads are lifted; each lifted component, service, party,
 * licence and dependency carries its XML location (element path and line) under XML_LOCATION.
 *
 * https://cyclonedx.org/docs/1.6/xml/
 */
import type { Location } from '../model.js';
import { child, children, elementLocation, type XmlElement } from './xml.js';

/** Where a lifted node came from in the XML. */
export const XML_LOCATION = Symbol('xml-location');

type Json = Record<string, unknown>;

export function xmlBomToJson(root: XmlElement, file: string): Json {
  const at = (el: XmlElement, obj: Json): Json => {
    (obj as { [XML_LOCATION]?: Location })[XML_LOCATION] = elementLocation(file, el);
    return obj;
  };
  const txt = (el: XmlElement | undefined, name: string): string | undefined => {
    const c = child(el, name);
    return c === undefined ? undefined : c.text;
  };
  /** Children of a wrapper element: `<hashes><hash/>…</hashes>` → the `hash` elements. */
  const wrapped = (el: XmlElement, wrapper: string, item: string): XmlElement[] => {
    const w = child(el, wrapper);
    return w ? children(w, item) : [];
  };

  const orgEntity = (el: XmlElement | undefined): Json | undefined => {
    if (!el) return undefined;
    const address = child(el, 'address');
    return at(el, {
      name: txt(el, 'name'),
      url: children(el, 'url').map((u) => u.text),
      contact: children(el, 'contact').map((c) => ({ name: txt(c, 'name'), email: txt(c, 'email') })),
      address: address ? { country: txt(address, 'country') } : undefined,
    });
  };

  const licenses = (el: XmlElement): Json[] | undefined => {
    const w = child(el, 'licenses');
    if (!w) return undefined;
    return w.children.map((l) => {
      if (l.name === 'expression') return at(l, { expression: l.text, acknowledgement: l.attrs.acknowledgement });
      return at(l, {
        license: { id: txt(l, 'id'), name: txt(l, 'name'), acknowledgement: l.attrs.acknowledgement },
      });
    });
  };

  const common = (el: XmlElement): Json => ({
    'bom-ref': el.attrs['bom-ref'],
    group: txt(el, 'group'),
    name: txt(el, 'name'),
    version: txt(el, 'version'),
    description: txt(el, 'description'),
    licenses: licenses(el),
    externalReferences: wrapped(el, 'externalReferences', 'reference').map((r) => ({
      type: r.attrs.type,
      url: txt(r, 'url'),
      comment: txt(r, 'comment'),
    })),
    properties: wrapped(el, 'properties', 'property').map((p) => ({ name: p.attrs.name, value: p.text })),
  });

  const component = (el: XmlElement): Json =>
    at(el, {
      ...common(el),
      type: el.attrs.type,
      supplier: orgEntity(child(el, 'supplier')),
      manufacturer: orgEntity(child(el, 'manufacturer')),
      // `author` is text up to 1.5; 1.6 adds `authors` of organizationalContact.
      author: txt(el, 'author'),
      authors: wrapped(el, 'authors', 'author').map((a) => at(a, { name: txt(a, 'name'), email: txt(a, 'email') })),
      publisher: txt(el, 'publisher'),
      scope: txt(el, 'scope'),
      purl: txt(el, 'purl'),
      cpe: txt(el, 'cpe'),
      hashes: wrapped(el, 'hashes', 'hash').map((h) => ({ alg: h.attrs.alg, content: h.text })),
      components: wrapped(el, 'components', 'component').map(component),
    });

  const service = (el: XmlElement): Json => {
    const auth = txt(el, 'authenticated');
    const trust = txt(el, 'x-trust-boundary');
    return at(el, {
      ...common(el),
      provider: orgEntity(child(el, 'provider')),
      endpoints: wrapped(el, 'endpoints', 'endpoint').map((e) => e.text),
      authenticated: auth === undefined ? undefined : auth.trim() === 'true',
      'x-trust-boundary': trust === undefined ? undefined : trust.trim() === 'true',
      services: wrapped(el, 'services', 'service').map(service),
    });
  };

  const meta = child(root, 'metadata');
  let metadata: Json | undefined;
  if (meta) {
    const toolsEl = child(meta, 'tools');
    let tools: unknown;
    if (toolsEl) {
      // Up to 1.4: <tool> elements; from 1.5: <components>/<services>.
      const legacy = children(toolsEl, 'tool');
      tools =
        legacy.length > 0
          ? legacy.map((t) => ({ vendor: txt(t, 'vendor'), name: txt(t, 'name'), version: txt(t, 'version') }))
          : {
              components: wrapped(toolsEl, 'components', 'component').map((c) => ({
                group: txt(c, 'group'),
                name: txt(c, 'name'),
                version: txt(c, 'version'),
              })),
              services: wrapped(toolsEl, 'services', 'service').map((s) => ({ group: txt(s, 'group'), name: txt(s, 'name') })),
            };
    }
    const subject = child(meta, 'component');
    metadata = at(meta, {
      tools,
      authors: wrapped(meta, 'authors', 'author').map((a) => at(a, { name: txt(a, 'name'), email: txt(a, 'email') })),
      component: subject ? component(subject) : undefined,
      manufacture: orgEntity(child(meta, 'manufacture')),
      manufacturer: orgEntity(child(meta, 'manufacturer')),
      supplier: orgEntity(child(meta, 'supplier')),
    });
  }

  return at(root, {
    bomFormat: 'CycloneDX',
    serialNumber: root.attrs.serialNumber,
    metadata,
    components: wrapped(root, 'components', 'component').map(component),
    services: wrapped(root, 'services', 'service').map(service),
    dependencies: wrapped(root, 'dependencies', 'dependency').map((d) =>
      at(d, { ref: d.attrs.ref, dependsOn: children(d, 'dependency').map((x) => x.attrs.ref) }),
    ),
  });
}

/**
 * The reader interface: every document format is one reader with a cheap `sniff` on the head of
 * a file (to find bills of materials in a directory by content) and a `read` that turns the whole
 * document into normalised components. One registry lists them (./registry.ts).
 */
import type {
  Component,
  DependencyEdge,
  InputIssue,
  Location,
  Service,
  SourceDocument,
  SourceEncoding,
  SourceFormat,
} from '../model.js';
import type { CsvColumns } from './csv.js';
import type { Diagnostics } from './normalize.js';

/** A document's text, decoded, with the name to report it under. */
export interface DocumentInput {
  /** The file as named by the user (or found under a directory they named); `-` for stdin. */
  file: string;
  /** The decoded text (BOM removed). A JSON reader releases it (sets it to '') once parsed. */
  text: string;
}

/** What a reader gets besides the text. */
export interface ReadContext {
  /** Index of this document in `Inventory.sources`. */
  sourceIndex: number;
  diagnostics: Diagnostics;
  /** The user's choice of CSV asset-list columns (`--columns`). */
  csvColumns?: CsvColumns;
}

/** What a reader returns for one document. */
export interface DocumentResult {
  source: SourceDocument;
  components: Component[];
  services: Service[];
  dependencies: DependencyEdge[];
  /** Parts of the document that could not be read (a bad CSV row), while the rest was. */
  issues?: InputIssue[];
}

/** A text document format. */
export interface DocumentReader {
  /** Stable name, e.g. `cyclonedx-json`. */
  readonly name: string;
  readonly format: SourceFormat;
  readonly encoding: SourceEncoding;
  /**
   * Whether the head (and, for big files, the tail) of a text looks like this format. Cheap and
   * conservative: used to pick bills of materials out of a directory of arbitrary files.
   */
  sniff(head: string, tail: string): boolean;
  /**
   * Reads a whole document.
   * @throws InputError when the document is malformed, of an unsupported version, or not this format.
   */
  read(input: DocumentInput, ctx: ReadContext): DocumentResult;
}

/** Gives unique, stable component ids inside one document: `file#ref`, `file#ref~2` for a repeated ref. */
export class RefTable {
  /** Reference → id of the first element that declared it (what references resolve to). */
  private readonly seen = new Map<string, string>();
  /** Reference → how many elements used it (keyed by the reference, not the id, to hash short strings). */
  private readonly uses = new Map<string, number>();
  constructor(
    private readonly file: string,
    private readonly diagnostics: Diagnostics,
  ) {}

  /**
   * Registers a reference and returns the component id for it. A `generated` reference (made by
   * wherefrom because the document gave none) gets an id but cannot be the target of a reference.
   */
  register(ref: string, loc: Location, generated = false): string {
    const n = (this.uses.get(ref) ?? 0) + 1;
    this.uses.set(ref, n);
    let id = `${this.file}#${ref}`;
    if (n > 1) {
      if (!generated && this.seen.has(ref)) {
        this.diagnostics.add('DUPLICATE_REFERENCE', `reference ${JSON.stringify(ref)} is used by more than one element`, loc);
      }
      id = `${id}~${n}`;
    }
    if (!generated && !this.seen.has(ref)) this.seen.set(ref, id);
    return id;
  }

  /** The id of a reference registered earlier (the first one, if it was repeated). */
  resolve(ref: string): string | undefined {
    return this.seen.get(ref);
  }
}

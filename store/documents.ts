/**
 * Rendered documents in the shared store: each (cycle, kind) has numbered versions, each with the
 * sha256 of its content. Saving the same content again returns the version that has it, so a
 * retried render adds nothing; new content becomes the next version. The content is sealed at rest
 * with the payload codec's keys (codec/at-rest.ts): the store never holds a person's text in clear.
 */
import { createHash } from 'node:crypto';
import type { DocumentKind, StoredDocument } from '../domain/documents';
import { openText, sealText } from '../codec/at-rest';
import type { KeyRing } from '../codec/keys';
import type { Store } from './store';

export interface DocumentContent {
  markdown: string;
  html: string;
}

export interface DocumentVersion extends StoredDocument, DocumentContent {
  createdAt: string;
}

interface Row {
  cycle_id: string;
  kind: DocumentKind;
  version: number;
  sha256: string;
  markdown: string;
  html: string;
  created_at: Date;
}

/** The hash of both renderings, so a change to either is a new version. */
export function contentHash(content: DocumentContent): string {
  return createHash('sha256').update(content.markdown).update('\0').update(content.html).digest('hex');
}

export class DocumentStore {
  constructor(
    private readonly store: Store,
    private readonly keys: KeyRing,
  ) {}

  async save(cycleId: string, kind: DocumentKind, content: DocumentContent): Promise<StoredDocument> {
    const sha256 = contentHash(content);
    for (;;) {
      const [same] = await this.store.query<Row>(
        'select * from documents where cycle_id = $1 and kind = $2 and sha256 = $3 order by version desc limit 1',
        [cycleId, kind, sha256],
      );
      if (same) return stored(same);
      // Two renders at once both compute the next number; the primary key lets one win, the other looks again.
      const [inserted] = await this.store.query<Row>(
        `insert into documents (cycle_id, kind, version, sha256, markdown, html)
         select $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5 from documents where cycle_id = $1 and kind = $2
         on conflict do nothing
         returning *`,
        [cycleId, kind, sha256, this.seal(content.markdown), this.seal(content.html)],
      );
      if (inserted) return stored(inserted);
    }
  }

  /** A version of a document, or the latest one; undefined when there is none. */
  async get(cycleId: string, kind: DocumentKind, version?: number): Promise<DocumentVersion | undefined> {
    const [row] = await this.store.query<Row>(
      `select * from documents where cycle_id = $1 and kind = $2 and ($3::integer is null or version = $3)
        order by version desc limit 1`,
      [cycleId, kind, version ?? null],
    );
    return (
      row && {
        ...stored(row),
        markdown: this.open(row.markdown),
        html: this.open(row.html),
        createdAt: row.created_at.toISOString(),
      }
    );
  }

  private seal(text: string): string {
    return sealText(this.keys, text);
  }

  private open(column: string): string {
    return openText(this.keys, column);
  }
}

function stored(row: Row): StoredDocument {
  return {
    id: `${row.cycle_id}/${row.kind}`,
    cycleId: row.cycle_id,
    kind: row.kind,
    version: row.version,
    sha256: row.sha256,
  };
}

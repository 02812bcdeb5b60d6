/**
 * The documents of a cycle (and a Council session's concept note), as the store keeps them and as a
 * workflow records them.
 */
export const CYCLE_DOCUMENT_KINDS = ['draft-agenda', 'final-agenda', 'outcome-report'] as const;
/** `next-cycle-draft`: next year's specification (YAML), written after the outcome for the organizers. */
export const DOCUMENT_KINDS = [...CYCLE_DOCUMENT_KINDS, 'concept-note', 'next-cycle-draft'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * A version of a document in the shared store: where any machine finds it (`convene document
 * show`), and the sha256 of its content to check what it got. Never a path on one machine's disk.
 */
export interface StoredDocument {
  /** `<cycle id>/<kind>`, e.g. `hlm-7/draft-agenda`. */
  id: string;
  cycleId: string;
  kind: DocumentKind;
  version: number;
  sha256: string;
}

/**
 * What a cycle's status holds for a document. Histories recorded before the store carry the
 * paths the worker wrote (`markdown`, `html`); they replay as they are.
 */
export type RenderedDocument = StoredDocument | { markdown: string; html: string };

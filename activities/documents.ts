/**
 * Renders a cycle's documents (Markdown and HTML) into the shared store. Idempotent: the same
 * request renders the same content, which the store recognises by its hash and does not add again.
 */
import { toHtml, toMarkdown, type Block } from '../documents/blocks';
import { documentBlocks, documentTitle, DocumentRequest } from '../documents/meeting-documents';
import type { StoredDocument } from '../domain/documents';
import { translator } from '../i18n/catalog';
import { formatTime } from '../i18n/dates';
import type { DocumentStore } from '../store/documents';
import { draftNextCycleFile } from '../config/next-cycle';
import type { Directory } from '../config/directory';
import type { CycleInput } from '../domain/cycle-input';

export interface DocumentActivities {
  renderDocument: (request: DocumentRequest) => Promise<StoredDocument>;
  storeConceptNote: (request: ConceptNoteDocument) => Promise<StoredDocument>;
  /** Next year's specification, drafted from the cycle as it ended (same content, same version). */
  storeNextCycleDraft: (request: { cycleId: string; plan: CycleInput }) => Promise<StoredDocument>;
}

/** A Council session's concept note as its organizers wrote it: a title and paragraphs. */
export interface ConceptNoteDocument {
  sessionId: string;
  title: string;
  text: string;
}

/** Paragraphs are separated by blank lines; what people wrote stays as written. */
function conceptNoteBlocks(note: ConceptNoteDocument): Block[] {
  const paragraphs = note.text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return [
    { kind: 'heading', level: 1, text: note.title },
    ...paragraphs.map((text) => ({ kind: 'paragraph' as const, text })),
  ];
}

export function createDocumentActivities(deps: {
  documents: DocumentStore;
  /** For the draft's people: who inherits their organization's zone and language. */
  directory?: Pick<Directory, 'get'>;
}): DocumentActivities {
  return {
    async renderDocument(request) {
      const d = DocumentRequest.parse(request);
      const t = translator(d.language);
      const blocks = documentBlocks(d, (iso) => formatTime(t, iso, d.meeting.timeZone), t);
      return deps.documents.save(d.cycleId, d.kind, {
        markdown: toMarkdown(blocks, (label) => t.t('format.label', { label })),
        html: toHtml(documentTitle(d, t), blocks, t),
      });
    },

    async storeNextCycleDraft({ cycleId, plan }) {
      const origin = `Drafted by convene from cycle ${plan.edition} after its outcome`;
      const yaml = draftNextCycleFile(plan, deps.directory, origin);
      return deps.documents.save(cycleId, 'next-cycle-draft', {
        markdown: yaml,
        html: toHtml(origin, [{ kind: 'code', text: yaml }], { language: 'en', dir: 'ltr' }),
      });
    },

    async storeConceptNote(note) {
      const blocks = conceptNoteBlocks(note);
      return deps.documents.save(note.sessionId, 'concept-note', {
        markdown: toMarkdown(blocks),
        html: toHtml(note.title, blocks, { language: 'en', dir: 'ltr' }),
      });
    },
  };
}

/**
 * Renders a cycle's documents (Markdown and HTML) into the shared store. Idempotent: the same
 * request renders the same content, which the store recognises by its hash and does not add again.
 */
import { formatInZone } from '../calendar/format';
import { toHtml, toMarkdown } from '../documents/blocks';
import { documentBlocks, documentTitle, DocumentRequest } from '../documents/meeting-documents';
import type { StoredDocument } from '../domain/documents';
import type { DocumentStore } from '../store/documents';

export interface DocumentActivities {
  renderDocument: (request: DocumentRequest) => Promise<StoredDocument>;
}

export function createDocumentActivities(deps: { documents: DocumentStore }): DocumentActivities {
  return {
    async renderDocument(request) {
      const d = DocumentRequest.parse(request);
      const blocks = documentBlocks(d, (iso) => formatInZone(iso, d.meeting.timeZone));
      return deps.documents.save(d.cycleId, d.kind, {
        markdown: toMarkdown(blocks),
        html: toHtml(documentTitle(d), blocks),
      });
    },
  };
}

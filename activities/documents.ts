/**
 * Renders a cycle's documents (Markdown and HTML) into the data folder. Idempotent: the same request
 * writes the same files, through a temporary file and a rename, so a crash never leaves half a file.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { formatInZone } from '../calendar/format';
import { toHtml, toMarkdown } from '../documents/blocks';
import { documentBlocks, documentTitle, DocumentRequest } from '../documents/meeting-documents';
import type { RenderedDocument } from '../domain/documents';

export type { RenderedDocument };

export interface DocumentActivities {
  renderDocument(request: DocumentRequest): Promise<RenderedDocument>;
}

export function createDocumentActivities(deps: { documentsDir: string }): DocumentActivities {
  return {
    async renderDocument(request) {
      const d = DocumentRequest.parse(request);
      const blocks = documentBlocks(d, (iso) => formatInZone(iso, d.meeting.timeZone));
      const dir = path.join(deps.documentsDir, d.cycleId);
      await fs.mkdir(dir, { recursive: true });
      const markdown = path.join(dir, `${d.kind}.md`);
      const html = path.join(dir, `${d.kind}.html`);
      await writeAtomically(markdown, toMarkdown(blocks));
      await writeAtomically(html, toHtml(documentTitle(d), blocks));
      return { markdown, html };
    },
  };
}

async function writeAtomically(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, content, 'utf8');
  await fs.rename(temporary, file);
}

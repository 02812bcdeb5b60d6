/**
 * Renders a cycle's documents (Markdown and HTML) into the data folder. Idempotent: the same request
 * writes the same files, through a temporary file and a rename, so a crash never leaves half a file.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { toHtml, toMarkdown } from '../documents/blocks';
import { documentBlocks, documentTitle, DocumentRequest } from '../documents/meeting-documents';
import type { RenderedDocument } from '../domain/documents';
import { translator } from '../i18n/catalog';
import { formatTime } from '../i18n/dates';

export type { RenderedDocument };

export interface DocumentActivities {
  renderDocument(request: DocumentRequest): Promise<RenderedDocument>;
}

export function createDocumentActivities(deps: { documentsDir: string }): DocumentActivities {
  return {
    async renderDocument(request) {
      const d = DocumentRequest.parse(request);
      const t = translator(d.language);
      const blocks = documentBlocks(d, (iso) => formatTime(t, iso, d.meeting.timeZone), t);
      const dir = path.join(deps.documentsDir, d.cycleId);
      await fs.mkdir(dir, { recursive: true });
      const markdown = path.join(dir, `${d.kind}.md`);
      const html = path.join(dir, `${d.kind}.html`);
      await writeAtomically(
        markdown,
        toMarkdown(blocks, (label) => t.t('format.label', { label })),
      );
      await writeAtomically(html, toHtml(documentTitle(d, t), blocks, t));
      return { markdown, html };
    },
  };
}

async function writeAtomically(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, content, 'utf8');
  await fs.rename(temporary, file);
}

/**
 * What an uploaded file is, by its content, never its name: a PDF starts with `%PDF-`; DOCX and
 * ODT are zip containers, told apart by what the container says it holds (ODT's `mimetype` entry,
 * DOCX's main part in `[Content_Types].xml`). Anything else, an executable renamed `.pdf`
 * included, is no paper we take.
 */
import { fromBufferPromise, type Entry, type ZipFile } from 'yauzl';
import { DOCX, ODT, PDF, type UploadType } from '../domain/uploads';

const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');
/** The content-types part of a Word document names its main part with this type. */
const DOCX_MAIN_PART = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
/** The entries we read are small; a larger one is no container of ours (and no zip bomb is inflated). */
const MAX_ENTRY_BYTES = 1024 * 1024;

export async function uploadTypeOf(content: Buffer): Promise<UploadType | undefined> {
  if (content.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) return PDF;
  if (!content.subarray(0, ZIP_MAGIC.length).equals(ZIP_MAGIC)) return undefined;
  try {
    return await containerType(content);
  } catch {
    return undefined; // a damaged zip is not a document we can take
  }
}

async function containerType(content: Buffer): Promise<UploadType | undefined> {
  const zip = await fromBufferPromise(content, { lazyEntries: true, validateEntrySizes: true });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName === 'mimetype') {
        const text = await entryText(zip, entry);
        return text?.trim() === ODT ? ODT : undefined;
      }
      if (entry.fileName === '[Content_Types].xml') {
        const text = await entryText(zip, entry);
        return text?.includes(DOCX_MAIN_PART) ? DOCX : undefined;
      }
    }
    return undefined;
  } finally {
    zip.close();
  }
}

async function entryText(zip: ZipFile, entry: Entry): Promise<string | undefined> {
  if (entry.uncompressedSize > MAX_ENTRY_BYTES) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

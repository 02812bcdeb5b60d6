/**
 * Background papers uploaded on the chair's submit form. The form is multipart when it carries a
 * file; each file part is read (up to 20 MB, the rest is never buffered), its type found in its
 * content, and stored sealed before the Update, so the input carries the file's id, name, type,
 * size and sha256, never a path. A refusal names the field and the rule, and what was uploaded
 * already stays (by id) so the chair need not upload it again.
 */
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_UPLOAD_BYTES, UPLOAD_TYPE_NAMES, sizeName, type UploadedFile } from '../domain/uploads';
import { translator, type MessageKey, type Values } from '../i18n/catalog';
import { UploadStore } from '../store/uploads';
import { PAPER_ROWS, type PaperFile, type SubmitForm } from './forms';
import { languageOf, type Portal } from './pages';
import { uploadTypeOf } from './upload-type';

/** A file part of the form, as read: its name, its bytes, and whether it went past the limit. */
export interface PaperPart {
  filename: string;
  content: Buffer;
  tooLarge: boolean;
}

/**
 * The file parts of a request, by field. Kept beside the body, not in it: the route's schema
 * parses the body into the form's strings and drops what it does not name.
 */
const filesOf = new WeakMap<FastifyRequest, Record<string, PaperPart>>();

/** Only the submit form takes files; a file sent anywhere else is drained unread. */
const TAKES_FILES = /^\/groups\/[^/]+\/submit$/;

export async function registerUploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_UPLOAD_BYTES, files: PAPER_ROWS, fields: 100, parts: 100 + PAPER_ROWS },
    async onFile(this: FastifyRequest, part: MultipartFile) {
      if (!TAKES_FILES.test(this.url.split('?')[0] ?? '')) {
        part.file.resume();
        return;
      }
      const content = await part.toBuffer();
      const read: PaperPart = { filename: part.filename, content, tooLarge: part.file.truncated };
      filesOf.set(this, { ...filesOf.get(this), [part.fieldname]: read });
      part.value = ''; // what the body holds for the field: no file bytes go through the schema
    },
  });
}

/** Whether the request brought a file (stored before the Update, so only for whom may act on it). */
export function carriesFiles(request: FastifyRequest): boolean {
  return Object.keys(filesOf.get(request) ?? {}).length > 0;
}

export function uploadStoreOf(portal: Portal): UploadStore {
  return new UploadStore(portal.deps.store, portal.deps.keys);
}

export function fileLink(portal: Portal, groupWorkflowId: string, id: string): string {
  return `${portal.deps.publicUrl}/groups/${groupWorkflowId}/files/${id}`;
}

/** The rows' papers as far as they were read; a refusal, if one could not be taken. */
export interface PapersOutcome {
  files: Map<number, PaperFile>;
  refusal?: string;
}

/**
 * The papers of each row: a new upload (checked and stored), else the one kept by id, unless the
 * chair removed it. `form` gets the kept ids, so a form shown again keeps them.
 */
export async function papersFromForm(
  portal: Portal,
  request: FastifyRequest,
  groupWorkflowId: string,
  form: SubmitForm,
): Promise<PapersOutcome> {
  const parts = filesOf.get(request) ?? {};
  const uploads = uploadStoreOf(portal);
  const t = translator(languageOf(request));
  const files = new Map<number, PaperFile>();
  for (let n = 1; n <= PAPER_ROWS; n++) {
    const field = t.t('upload.fieldName', { n });
    const part = parts[`paper${n}File`];
    let file: UploadedFile | undefined;
    if (part && part.filename && part.content.length > 0) {
      const values = { field, name: part.filename };
      if (part.tooLarge) return { files, refusal: t.t('upload.tooLarge', values) };
      const type = await uploadTypeOf(part.content);
      if (!type) return { files, refusal: t.t('upload.wrongType', values) };
      const uploadedBy = request.person?.email ?? '';
      file = await uploads.save({
        groupWorkflowId,
        uploadedBy,
        name: part.filename,
        type,
        content: part.content,
      });
    } else if (form[`paper${n}Kept`] && !form[`paper${n}Drop`]) {
      file = await uploads.find(groupWorkflowId, form[`paper${n}Kept`]!);
      if (!file) return { files, refusal: t.t('upload.gone', { field }) };
    }
    form[`paper${n}Kept`] = file?.id ?? '';
    if (file) files.set(n, { file: onInput(file), ref: fileLink(portal, groupWorkflowId, file.id) });
  }
  return { files };
}

/** What the input carries of a stored upload: nothing of who stored it or where. */
function onInput(file: UploadedFile): UploadedFile {
  return { id: file.id, name: file.name, type: file.type, size: file.size, sha256: file.sha256 };
}

/** The uploaded papers a form keeps, by row: those just read, when a refusal shows the form again. */
export function keptOf(files: ReadonlyMap<number, PaperFile>): Record<number, UploadedFile> {
  const kept: Record<number, UploadedFile> = {};
  files.forEach((paper, n) => (kept[n] = paper.file));
  return kept;
}

/** The uploaded papers of a version, by the row the form shows them in. */
export function keptIn(attachments: readonly { file?: UploadedFile }[] = []): Record<number, UploadedFile> {
  const kept: Record<number, UploadedFile> = {};
  attachments.slice(0, PAPER_ROWS).forEach((a, i) => a.file && (kept[i + 1] = a.file));
  return kept;
}

/** What the group page needs to show uploads: the catalog's words, and a file as it reads. */
export function uploadLabels(request: FastifyRequest) {
  const t = translator(languageOf(request));
  const values = (file: UploadedFile) => ({
    name: file.name,
    type: UPLOAD_TYPE_NAMES[file.type],
    size: sizeName(file.size),
    sha256: file.sha256,
  });
  return {
    u: (key: MessageKey, v?: Values) => t.t(key, v),
    describeFile: (file: UploadedFile) => t.t('upload.download', values(file)),
    describeKept: (file: UploadedFile) => t.t('upload.kept', values(file)),
  };
}

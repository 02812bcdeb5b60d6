/**
 * A background paper uploaded through the portal, as an input carries it: the store's id, the name
 * it was uploaded under, the type found in its content, its size and sha256. Never a path: the
 * bytes are in the store, sealed, and anyone may check a copy against the sha256.
 */
import { z } from 'zod';
import { Line } from './text';

export const PDF = 'application/pdf';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const ODT = 'application/vnd.oasis.opendocument.text';
export const UPLOAD_TYPES = [PDF, DOCX, ODT] as const;
export type UploadType = (typeof UPLOAD_TYPES)[number];

/** The short name a person knows each type by. */
export const UPLOAD_TYPE_NAMES: Record<UploadType, string> = { [PDF]: 'PDF', [DOCX]: 'DOCX', [ODT]: 'ODT' };

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export const UploadedFile = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be a store id (letters, digits, - and _)'),
  name: Line(255),
  type: z.enum(UPLOAD_TYPES, { message: 'must be PDF, DOCX or ODT' }),
  size: z
    .number()
    .int('must be whole bytes')
    .positive('must not be empty')
    .max(MAX_UPLOAD_BYTES, 'must be at most 20 MB'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in lower-case hex'),
});
export type UploadedFile = z.infer<typeof UploadedFile>;

/** "2.4 MB", "830 kB": how a size reads in a list. */
export function sizeName(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

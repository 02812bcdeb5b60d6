/**
 * Background papers uploaded through the portal, in the shared store so that any instance serves
 * them. The bytes and the name are sealed at rest with the payload codec's keys; the sha256 is of
 * the bytes as uploaded, so the input's record of a paper can be checked against any copy.
 */
import { createHash, randomBytes } from 'node:crypto';
import { decryptAtRest, encryptAtRest, openText, sealText } from '../codec/at-rest';
import type { KeyRing } from '../codec/keys';
import type { UploadedFile, UploadType } from '../domain/uploads';
import type { Store } from './store';

export interface StoredUpload extends UploadedFile {
  groupWorkflowId: string;
  uploadedBy: string;
}

interface Row {
  id: string;
  group_workflow_id: string;
  uploaded_by: string;
  name: string;
  media_type: UploadType;
  size: number;
  sha256: string;
  content?: Buffer;
}

const META = 'id, group_workflow_id, uploaded_by, name, media_type, size, sha256';

export class UploadStore {
  constructor(
    private readonly store: Store,
    private readonly keys: KeyRing,
  ) {}

  async save(upload: {
    groupWorkflowId: string;
    uploadedBy: string;
    name: string;
    type: UploadType;
    content: Buffer;
  }): Promise<StoredUpload> {
    const id = randomBytes(18).toString('base64url');
    const sha256 = createHash('sha256').update(upload.content).digest('hex');
    const [row] = await this.store.query<Row>(
      `insert into portal_uploads (${META}, content) values ($1, $2, $3, $4, $5, $6, $7, $8)
       returning ${META}`,
      [
        id,
        upload.groupWorkflowId,
        upload.uploadedBy,
        sealText(this.keys, upload.name),
        upload.type,
        upload.content.length,
        sha256,
        encryptAtRest(this.keys, upload.content),
      ],
    );
    return this.described(row!);
  }

  /** What the store knows of an upload of this group (none of another group's). */
  async find(groupWorkflowId: string, id: string): Promise<StoredUpload | undefined> {
    const [row] = await this.store.query<Row>(
      `select ${META} from portal_uploads where id = $1 and group_workflow_id = $2`,
      [id, groupWorkflowId],
    );
    return row && this.described(row);
  }

  /** The bytes, opened and checked against the sha256 they were stored with. */
  async content(groupWorkflowId: string, id: string): Promise<Buffer | undefined> {
    const [row] = await this.store.query<Row>(
      'select sha256, content from portal_uploads where id = $1 and group_workflow_id = $2',
      [id, groupWorkflowId],
    );
    if (!row?.content) return undefined;
    const bytes = decryptAtRest(this.keys, row.content);
    if (createHash('sha256').update(bytes).digest('hex') !== row.sha256)
      throw new Error(`upload ${id} does not match its sha256 in the store`);
    return bytes;
  }

  private described(row: Row): StoredUpload {
    return {
      id: row.id,
      groupWorkflowId: row.group_workflow_id,
      uploadedBy: row.uploaded_by,
      name: openText(this.keys, row.name),
      type: row.media_type,
      size: row.size,
      sha256: row.sha256,
    };
  }
}

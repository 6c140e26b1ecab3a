import { EntitySchema } from '@mikro-orm/core';

/** Metadata of an uploaded file; the bytes live under the data directory, named by content hash. */
export interface Attachment {
  id: string;
  community: string;
  instanceId: string;
  taskId: string | null;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  storagePath: string;
  visibility: 'internal' | 'public';
  uploadedBy: string;
  uploadedAt: number;
}

export const attachmentSchema = new EntitySchema<Attachment>({
  name: 'Attachment',
  tableName: 'wf_attachment',
  properties: {
    id: { type: 'string', length: 32, primary: true },
    community: { type: 'string', length: 64 },
    instanceId: { type: 'string', length: 32 },
    taskId: { type: 'string', length: 32, nullable: true },
    fileName: { type: 'string', length: 255 },
    mediaType: { type: 'string', length: 255 },
    size: { type: 'bigint', columnType: 'bigint' },
    sha256: { type: 'string', length: 64 },
    storagePath: { type: 'string', length: 512 },
    visibility: { type: 'string', length: 16 },
    uploadedBy: { type: 'string', length: 128 },
    uploadedAt: { type: 'bigint', columnType: 'bigint' },
  },
  indexes: [{ name: 'wf_attachment_instance_idx', properties: ['instanceId', 'uploadedAt'] }],
});

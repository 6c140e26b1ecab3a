import { EntitySchema } from '@mikro-orm/core';

/** An internal note (staff only) or a public reply (visible to the resident with the tracking code). */
export interface Comment {
  id: string;
  community: string;
  instanceId: string;
  taskId: string | null;
  visibility: 'internal' | 'public';
  body: string;
  author: string;
  createdAt: number;
}

export const commentSchema = new EntitySchema<Comment>({
  name: 'Comment',
  tableName: 'wf_comment',
  properties: {
    id: { type: 'string', length: 32, primary: true },
    community: { type: 'string', length: 64 },
    instanceId: { type: 'string', length: 32 },
    taskId: { type: 'string', length: 32, nullable: true },
    visibility: { type: 'string', length: 16 },
    body: { type: 'text' },
    author: { type: 'string', length: 128 },
    createdAt: { type: 'bigint', columnType: 'bigint' },
  },
  indexes: [{ name: 'wf_comment_instance_idx', properties: ['instanceId', 'createdAt'] }],
});

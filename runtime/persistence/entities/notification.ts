import { EntitySchema } from '@mikro-orm/core';

/** An in-app notification to one user or to a role of a community (the notify connector writes these). */
export interface Notification {
  id: string;
  community: string;
  recipientUser: string | null;
  recipientGroup: string | null;
  title: string;
  body: string;
  instanceId: string | null;
  createdAt: number;
  readAt: number | null;
}

export const notificationSchema = new EntitySchema<Notification>({
  name: 'Notification',
  tableName: 'wf_notification',
  properties: {
    id: { type: 'string', length: 32, primary: true },
    community: { type: 'string', length: 64 },
    recipientUser: { type: 'string', length: 128, nullable: true },
    recipientGroup: { type: 'string', length: 128, nullable: true },
    title: { type: 'string', length: 255 },
    body: { type: 'text' },
    instanceId: { type: 'string', length: 32, nullable: true },
    createdAt: { type: 'bigint', columnType: 'bigint' },
    readAt: { type: 'bigint', columnType: 'bigint', nullable: true },
  },
  indexes: [
    { name: 'wf_notification_user_idx', properties: ['community', 'recipientUser', 'createdAt'] },
    { name: 'wf_notification_group_idx', properties: ['community', 'recipientGroup', 'createdAt'] },
  ],
});

import { EntitySchema } from '@mikro-orm/core';

/** An instance waiting for a message (name + correlation key) at an element instance. */
export interface MessageSubscription {
  id: string;
  community: string;
  instanceId: string;
  elementInstanceId: string;
  elementId: string;
  messageName: string;
  correlationKey: string;
  createdAt: number;
}

export const messageSubscriptionSchema = new EntitySchema<MessageSubscription>({
  name: 'MessageSubscription',
  tableName: 'wf_message_subscription',
  properties: {
    id: { type: 'string', length: 64, primary: true },
    community: { type: 'string', length: 64 },
    instanceId: { type: 'string', length: 32 },
    elementInstanceId: { type: 'string', length: 32 },
    elementId: { type: 'string', length: 255 },
    messageName: { type: 'string', length: 255 },
    correlationKey: { type: 'string', length: 255 },
    createdAt: { type: 'bigint', columnType: 'bigint' },
  },
  indexes: [
    { name: 'wf_subscription_lookup_idx', properties: ['community', 'messageName', 'correlationKey'] },
    { name: 'wf_subscription_instance_idx', properties: ['instanceId'] },
  ],
});

import { EntitySchema } from '@mikro-orm/core';

/** An instance waiting for a message (name + correlation key) or a signal (name) at an element. */
export interface MessageSubscription {
  /** The engine's subscription id. */
  id: string;
  /** `message` or `signal`. */
  kind: 'message' | 'signal';
  community: string;
  instanceId: string;
  elementInstanceId: string;
  elementId: string;
  /** Message or signal name. */
  messageName: string;
  /** Empty for signals and for message start events. */
  correlationKey: string;
  createdAt: number;
}

export const messageSubscriptionSchema = new EntitySchema<MessageSubscription>({
  name: 'MessageSubscription',
  tableName: 'wf_message_subscription',
  properties: {
    id: { type: 'string', length: 64, primary: true },
    kind: { type: 'string', length: 16, default: 'message' },
    community: { type: 'string', length: 64 },
    instanceId: { type: 'string', length: 32 },
    elementInstanceId: { type: 'string', length: 32 },
    elementId: { type: 'string', length: 255 },
    messageName: { type: 'string', length: 255 },
    correlationKey: { type: 'string', length: 255 },
    createdAt: { type: 'bigint', columnType: 'bigint' },
  },
  indexes: [
    { name: 'wf_subscription_match_idx', properties: ['community', 'kind', 'messageName', 'correlationKey'] },
    { name: 'wf_subscription_instance_idx', properties: ['instanceId'] },
  ],
});

import { Type, type Static } from 'typebox';
import { NullableString, StringEnum } from './common.js';

/**
 * What the server pushes over `/api/ws` after a transaction commits. Messages are
 * notifications with ids only; clients fetch the data over REST (which checks access again).
 */
export const WsServerMessageSchema = Type.Union([
  Type.Object({ type: Type.Literal('hello'), userId: NullableString, community: Type.String() }),
  Type.Object({
    type: StringEnum(['task.created', 'task.assigned', 'task.completed', 'task.cancelled']),
    taskId: Type.String(),
    instanceId: Type.String(),
    assignee: NullableString,
  }),
  Type.Object({
    type: Type.Literal('instance.changed'),
    instanceId: Type.String(),
    status: Type.String(),
    version: Type.Integer(),
  }),
  Type.Object({
    type: StringEnum(['incident.raised', 'incident.resolved']),
    incidentId: Type.String(),
    instanceId: Type.String(),
  }),
  Type.Object({ type: Type.Literal('notification'), notificationId: Type.String() }),
  Type.Object({ type: Type.Literal('pong') }),
  Type.Object({ type: Type.Literal('error'), code: Type.String(), message: Type.String() }),
]);

export type WsServerMessage = Static<typeof WsServerMessageSchema>;

/** What a client may send: only a keep-alive for now. */
export const WsClientMessageSchema = Type.Object({ type: Type.Literal('ping') }, { additionalProperties: false });

/** Query of the websocket URL: browsers cannot set headers on a WebSocket (dev identity only). */
export const WsQuerySchema = Type.Object(
  {
    user: Type.Optional(Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_.@-]+$' })),
    community: Type.Optional(Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_.@-]+$' })),
    groups: Type.Optional(Type.String({ maxLength: 2000, pattern: '^[A-Za-z0-9_.@,-]*$' })),
  },
  { additionalProperties: false },
);

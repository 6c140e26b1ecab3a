import { Type, type Static } from 'typebox';

/**
 * What the server pushes over `/api/ws` after a transaction commits. Messages are
 * notifications with ids only; clients fetch the data over REST (which checks access again).
 */
export const WsServerMessageSchema = Type.Union([
  Type.Object({ type: Type.Literal('hello'), userId: Type.Union([Type.String(), Type.Null()]), community: Type.String() }),
  Type.Object({
    type: Type.Union([Type.Literal('task.created'), Type.Literal('task.assigned'), Type.Literal('task.completed'), Type.Literal('task.cancelled')]),
    taskId: Type.String(),
    instanceId: Type.String(),
    assignee: Type.Union([Type.String(), Type.Null()]),
  }),
  Type.Object({
    type: Type.Literal('instance.changed'),
    instanceId: Type.String(),
    status: Type.String(),
    version: Type.Integer(),
  }),
  Type.Object({
    type: Type.Union([Type.Literal('incident.raised'), Type.Literal('incident.resolved')]),
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

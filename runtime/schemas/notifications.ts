import { Type } from 'typebox';
import { IdSchema, NullableString, pageOf, pageQueryProperties, strictObject } from './common.js';

export const NotificationSchema = Type.Object({
  id: Type.String(),
  community: Type.String(),
  recipientUser: NullableString,
  recipientGroup: NullableString,
  title: Type.String(),
  body: Type.String(),
  instanceId: NullableString,
  createdAt: Type.String(),
  readAt: NullableString,
});

export const ListNotificationsQuerySchema = strictObject({ unreadOnly: Type.Optional(Type.Boolean()), ...pageQueryProperties });
export const NotificationParamsSchema = strictObject({ id: IdSchema });
export const NotificationPageSchema = pageOf(NotificationSchema);

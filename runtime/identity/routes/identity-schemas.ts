import { Type } from 'typebox';
import { ListOf, NullableString, ReasonSchema, strictObject, StringEnum } from '../../schemas/common.js';
import { roleKeyPattern } from '../roles.js';

/** Login names: what users type, and what tasks name as assignee/candidate user. */
export const UserIdSchema = Type.String({ minLength: 2, maxLength: 64, pattern: '^[a-z0-9][a-z0-9_.@-]*$', description: '登录名（小写）/ login name (lower case)' });
export const CommunityIdSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9_-]*$' });
export const RoleKeySchema = Type.String({ minLength: 1, maxLength: 64, pattern: roleKeyPattern });

export const CommunityRolesSchema = Type.Object({ id: Type.String(), name: NullableString, roles: ListOf(Type.String()) });

export const MeSchema = Type.Object({
  kind: StringEnum(['user', 'token', 'anonymous']),
  userId: NullableString,
  displayName: NullableString,
  isSubDistrictAdmin: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  community: NullableString,
  roles: ListOf(Type.String()),
  communities: ListOf(CommunityRolesSchema),
  tokenScope: NullableString,
  /** Echo it in `x-csrf-token` on every state-changing request. */
  csrfToken: NullableString,
});

export const LoginBodySchema = strictObject({
  username: Type.String({ minLength: 1, maxLength: 128 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
});

export const PasswordBodySchema = strictObject({
  currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
  newPassword: Type.String({ minLength: 1, maxLength: 200 }),
});

export const SwitchCommunityBodySchema = strictObject({ community: CommunityIdSchema });

export const CommunitySchema = Type.Object({ id: Type.String(), name: Type.String(), subDistrictId: Type.String() });
export const CreateCommunityBodySchema = strictObject({ id: CommunityIdSchema, name: Type.String({ minLength: 1, maxLength: 255 }) });

export const RoleSchema = Type.Object({ key: Type.String(), name: Type.String(), builtIn: Type.Boolean() });
export const CreateRoleBodySchema = strictObject({ key: RoleKeySchema, name: Type.String({ minLength: 1, maxLength: 255 }) });
export const RoleParamsSchema = Type.Object({ key: RoleKeySchema });

export const MemberSchema = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  roles: ListOf(Type.String()),
  mustChangePassword: Type.Boolean(),
  disabled: Type.Boolean(),
});
export const CreateUserBodySchema = strictObject({
  id: UserIdSchema,
  displayName: Type.String({ minLength: 1, maxLength: 255 }),
  roles: Type.Array(RoleKeySchema, { maxItems: 20 }),
});
export const OneTimePasswordSchema = Type.Object({
  userId: Type.String(),
  oneTimePassword: Type.String({ description: '只显示这一次 / shown this once only' }),
});
export const UserParamsSchema = Type.Object({ id: UserIdSchema });
export const SetRolesBodySchema = strictObject({ roles: Type.Array(RoleKeySchema, { maxItems: 20 }), reason: ReasonSchema });
export const ReasonBodySchema = strictObject({ reason: ReasonSchema });

export const TokenScopeSchema = StringEnum(['worker', 'read-only']);
export const TokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scope: TokenScopeSchema,
  community: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  expiresAt: NullableString,
  revokedAt: NullableString,
  lastUsedAt: NullableString,
});
export const CreateTokenBodySchema = strictObject({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  scope: TokenScopeSchema,
  expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
});
export const CreatedTokenSchema = Type.Object({ token: Type.String({ description: '只显示这一次 / shown this once only' }), details: TokenSchema });
export const TokenParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9]+$' }) });

export const AuditEntrySchema = Type.Object({
  id: Type.String(),
  community: NullableString,
  actor: Type.String(),
  action: Type.String(),
  target: NullableString,
  reason: NullableString,
  data: Type.Record(Type.String(), Type.Unknown()),
  at: Type.String(),
});
export const AuditQuerySchema = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })),
});
export const AuditPageSchema = Type.Object({ items: ListOf(AuditEntrySchema), nextCursor: NullableString });

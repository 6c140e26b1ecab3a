import type { TokenScope } from './token-store.js';
import type { CommunityRoles } from './user-store.js';

export type { CommunityRoles, TokenScope };

/** Who is calling: decorated on every request as `request.actor` by the identity plugin. */
export interface Actor {
  readonly kind: 'user' | 'token' | 'anonymous';
  /** The user id, `token:<id>` for a token, null when anonymous. */
  readonly userId: string | null;
  readonly displayName: string | null;
  /** Every community the user holds a role in (a token: its one community, no roles). */
  readonly communities: readonly CommunityRoles[];
  readonly isSubDistrictAdmin: boolean;
  /** The community this request acts in (session choice or `x-community`), null if none. */
  readonly community: string | null;
  /** Roles in `community` (a sub-district admin also holds `admin` everywhere). */
  readonly roles: readonly string[];
  /** Set for tokens. */
  readonly tokenScope: TokenScope | null;
  /** The user must replace a one-time password before doing anything else. */
  readonly mustChangePassword: boolean;
}

export const anonymousActor: Actor = {
  kind: 'anonymous',
  userId: null,
  displayName: null,
  communities: [],
  isSubDistrictAdmin: false,
  community: null,
  roles: [],
  tokenScope: null,
  mustChangePassword: false,
};

/** How audit rows name an actor. */
export function auditName(actor: Actor): string {
  if (actor.kind === 'user') return `user:${actor.userId ?? ''}`;
  if (actor.kind === 'token') return actor.userId ?? 'token:?';
  return 'anonymous';
}

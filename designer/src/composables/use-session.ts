import { computed, reactive } from 'vue';
import { authApi, type SessionUser } from '../api/auth-api.js';
import { apiRequest, requestContext } from '../api/http-client.js';

interface SessionState {
  user: SessionUser | null;
  loaded: boolean;
  communityNames: Record<string, string>;
  roleNames: Record<string, string>;
}

const state = reactive<SessionState>({ user: null, loaded: false, communityNames: {}, roleNames: {} });

function adopt(user: SessionUser | null): void {
  state.user = user;
  requestContext.csrfToken = user?.csrfToken ?? null;
  requestContext.community = user?.community ?? null;
}

async function loadNames(): Promise<void> {
  // Names are a nicety: a failure leaves the ids on screen rather than breaking the page.
  const [communities, roles] = await Promise.allSettled([
    apiRequest<{ id: string; name: string }[]>('/communities'),
    apiRequest<{ key: string; name: string }[]>('/roles'),
  ]);
  if (communities.status === 'fulfilled' && Array.isArray(communities.value)) {
    state.communityNames = Object.fromEntries(communities.value.map((c) => [c.id, c.name]));
  }
  if (roles.status === 'fulfilled' && Array.isArray(roles.value)) {
    state.roleNames = Object.fromEntries(roles.value.map((r) => [r.key, r.name]));
  }
}

/** The signed-in person and their working community, shared by every page. */
export function useSession() {
  const user = computed(() => state.user);
  const community = computed(() => state.user?.community ?? null);
  /** A community's name as people say it (its id when the name is not known). */
  const communityNameOf = (id: string): string => state.communityNames[id] ?? state.user?.communities.find((c) => c.id === id)?.name ?? id;
  const communityName = computed(() => (community.value === null ? '' : communityNameOf(community.value)));
  const roles = computed(() => state.user?.roles ?? []);
  const isAdmin = computed(() => roles.value.includes('admin') || state.user?.isSubDistrictAdmin === true);
  const isStaff = computed(() => roles.value.some((role) => role !== 'resident'));

  return {
    state,
    user,
    community,
    communityName,
    communityNameOf,
    roles,
    isAdmin,
    isStaff,
    async load(): Promise<SessionUser | null> {
      if (!state.loaded) {
        adopt(await authApi.me());
        state.loaded = true;
        if (state.user !== null) await loadNames();
      }
      return state.user;
    },
    async login(username: string, password: string): Promise<SessionUser> {
      const signedIn = await authApi.login(username, password);
      adopt(signedIn);
      state.loaded = true;
      await loadNames();
      return signedIn;
    },
    async logout(): Promise<void> {
      try {
        await authApi.logout();
      } finally {
        adopt(null);
      }
    },
    async switchCommunity(id: string): Promise<void> {
      const switched = await authApi.switchCommunity(id);
      if (switched !== null) adopt(switched);
      else if (state.user !== null) {
        const held = state.user.communities.find((c) => c.id === id);
        adopt({ ...state.user, community: id, roles: held?.roles ?? state.user.roles });
      }
      await loadNames();
    },
    /** The session ended on the server (401): forget it locally. */
    forget(): void {
      adopt(null);
    },
  };
}

/**
 * The roles every community has (DOMAIN.md). Their keys are the BPMN candidate groups; a
 * community may add its own (`id_role`). `admin` is the community administrator: it manages
 * users, roles, definitions and forms but is not a candidate group by convention.
 */
export const builtInRoles: readonly { readonly key: string; readonly name: string }[] = [
  { key: 'party', name: '居民区党组织 / residential Party organisation' },
  { key: 'rc', name: '居委会 / residents\' committee' },
  { key: 'oc', name: '业委会 / owners\' committee' },
  { key: 'pm', name: '物业服务企业 / property service company' },
  { key: 'bl', name: '楼组长 / building leader' },
  { key: 'vol', name: '志愿者 / volunteer' },
  { key: 'rep', name: '居民代表 / resident representative' },
  { key: 'resident', name: '居民 / resident' },
];

export const communityAdminRole = 'admin';

/**
 * The sub-district office (DOMAIN.md `street`): receives escalations and reads figures across
 * every community (runtime/stats). Held by sub-district admins in every community they act in;
 * no community may add or grant it, or a community admin could widen their own reach.
 */
export const subDistrictRole = 'street';

/** Roles that run cases (see every case of the community, not only their own). */
export const staffRoles: ReadonlySet<string> = new Set(['party', 'rc', 'oc', 'pm', communityAdminRole]);

export const builtInRoleKeys: ReadonlySet<string> = new Set([...builtInRoles.map((role) => role.key), communityAdminRole]);

/** Role keys a community may add: short, lower-case, usable as a candidate group. */
export const roleKeyPattern = '^[a-z][a-z0-9_-]{0,63}$';

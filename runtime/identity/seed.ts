import { hashPassword } from './password-hasher.js';
import { IdentityService } from './identity-service.js';
import { builtInRoles, communityAdminRole } from './roles.js';

export const defaultSubDistrict = { id: 'dongminglu', name: '东明路街道' } as const;
export const demoCommunity = { id: 'demo', name: '东明路街道 · 示范居民区' } as const;

export interface SeededAccount {
  readonly userId: string;
  readonly displayName: string;
  readonly community: string | null;
  readonly roles: readonly string[];
  readonly isSubDistrictAdmin: boolean;
  readonly oneTimePassword: string;
}

const demoNames: Readonly<Record<string, string>> = {
  admin: '示范居民区管理员',
  party: '党总支书记（示范）',
  rc: '居委会社工（示范）',
  oc: '业委会主任（示范）',
  pm: '物业项目经理（示范）',
  bl: '楼组长（示范）',
  vol: '志愿者（示范）',
  rep: '居民代表（示范）',
  resident: '居民（示范）',
};

/**
 * First start only (no user exists yet): creates the sub-district admin and the demo community
 * with one user per role, each with a one-time password from crypto randomness that must be
 * changed at first sign-in. Prints the passwords once through `print` (the console by default)
 * and returns them; never stores or logs them elsewhere. Returns null when users already exist
 * (or another node seeded at the same moment).
 */
export async function seedIdentity(service: IdentityService, print: (text: string) => void = (text) => process.stdout.write(text)): Promise<SeededAccount[] | null> {
  if ((await service.users.count()) > 0) return null;
  const plan: Omit<SeededAccount, 'oneTimePassword'>[] = [
    { userId: 'admin', displayName: '街道管理员', community: null, roles: [], isSubDistrictAdmin: true },
    ...[communityAdminRole, ...builtInRoles.map((role) => role.key)].map((role) => ({
      userId: `demo-${role}`,
      displayName: demoNames[role] ?? role,
      community: demoCommunity.id,
      roles: [role],
      isSubDistrictAdmin: false,
    })),
  ];
  const accounts: SeededAccount[] = plan.map((entry) => ({ ...entry, oneTimePassword: IdentityService.oneTimePassword() }));
  const hashes = await Promise.all(accounts.map((account) => hashPassword(account.oneTimePassword)));
  try {
    await service.db.transaction(async (tx) => {
      await service.communities.ensureSubDistrict(defaultSubDistrict.id, defaultSubDistrict.name, tx);
      if ((await service.communities.find(demoCommunity.id, tx)) === undefined) {
        await service.communities.create({ id: demoCommunity.id, name: demoCommunity.name, subDistrictId: defaultSubDistrict.id }, tx);
      }
      for (const [index, account] of accounts.entries()) {
        await service.users.create(
          { id: account.userId, displayName: account.displayName, passwordHash: hashes[index] ?? '', isSubDistrictAdmin: account.isSubDistrictAdmin, mustChangePassword: true },
          tx,
        );
        if (account.community !== null) await service.users.setRoles({ userId: account.userId, community: account.community, roles: account.roles, grantedBy: 'seed' }, tx);
      }
      await service.audit.append({ community: null, actor: 'system', action: 'identity.seed', target: demoCommunity.id, reason: '首次启动 / first start', data: { users: accounts.map((a) => a.userId) } }, tx);
    });
  } catch (error) {
    // Another node seeding at the same moment wins; its passwords are the ones printed there.
    if ((await service.users.count()) > 0) return null;
    throw error;
  }
  print(formatSeed(accounts));
  return accounts;
}

function formatSeed(accounts: readonly SeededAccount[]): string {
  const lines = [
    '',
    '══════════════════════════════════════════════════════════════════════',
    ' 首次启动：已创建以下账户。一次性密码只显示这一次，首次登录后必须修改。',
    ' First start: these accounts were created. The one-time passwords are shown',
    ' this once only and must be changed at first sign-in.',
    '──────────────────────────────────────────────────────────────────────',
    ...accounts.map((a) => ` ${a.userId.padEnd(16)} ${a.oneTimePassword.padEnd(22)} ${a.isSubDistrictAdmin ? '街道管理员 / sub-district admin' : `${demoCommunity.id}: ${a.roles.join(',')}`}`),
    '══════════════════════════════════════════════════════════════════════',
    '',
  ];
  return `${lines.join('\n')}\n`;
}

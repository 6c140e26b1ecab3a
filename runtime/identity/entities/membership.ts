import { EntitySchema } from '@mikro-orm/core';

/** One role a user holds in one community (user × community × role). */
export interface Membership {
  userId: string;
  community: string;
  roleKey: string;
  grantedBy: string;
  grantedAt: number;
}

export const membershipSchema = new EntitySchema<Membership>({
  name: 'Membership',
  tableName: 'id_membership',
  properties: {
    userId: { type: 'string', length: 128, primary: true },
    community: { type: 'string', length: 64, primary: true },
    roleKey: { type: 'string', length: 64, primary: true },
    grantedBy: { type: 'string', length: 128 },
    grantedAt: { type: 'bigint', columnType: 'bigint' },
  },
  indexes: [{ name: 'id_membership_role_idx', properties: ['community', 'roleKey'] }],
});

import { EntitySchema } from '@mikro-orm/core';

/** One sign-in attempt; failures within a window lock the account or refuse the address. */
export interface LoginAttempt {
  seq: number;
  account: string;
  address: string;
  /** 1 success, 0 failure. */
  success: number;
  at: number;
}

export const loginAttemptSchema = new EntitySchema<LoginAttempt>({
  name: 'LoginAttempt',
  tableName: 'id_login_attempt',
  properties: {
    seq: { type: 'integer', primary: true, autoincrement: true },
    account: { type: 'string', length: 128 },
    address: { type: 'string', length: 64 },
    success: { type: 'integer' },
    at: { type: 'bigint', columnType: 'bigint' },
  },
  indexes: [
    { name: 'id_login_attempt_account_idx', properties: ['account', 'at'] },
    { name: 'id_login_attempt_address_idx', properties: ['address', 'at'] },
  ],
});

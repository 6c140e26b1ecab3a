import { EntitySchema } from '@mikro-orm/core';

/** A person who signs in. The id is the login name; tasks name it as assignee or candidate user. */
export interface User {
  id: string;
  displayName: string;
  /** `scrypt$N$r$p$salt$hash` (base64url); never returned or logged. */
  passwordHash: string;
  /** 1 = manages communities and the template library. */
  isSubDistrictAdmin: number;
  /** 1 = signed in with a one-time password; must choose a new one first. */
  mustChangePassword: number;
  disabledAt: number | null;
  createdAt: number;
  passwordChangedAt: number;
}

export const userSchema = new EntitySchema<User>({
  name: 'User',
  tableName: 'id_user',
  properties: {
    id: { type: 'string', length: 128, primary: true },
    displayName: { type: 'string', length: 255 },
    passwordHash: { type: 'string', length: 255 },
    isSubDistrictAdmin: { type: 'integer' },
    mustChangePassword: { type: 'integer' },
    disabledAt: { type: 'bigint', columnType: 'bigint', nullable: true },
    createdAt: { type: 'bigint', columnType: 'bigint' },
    passwordChangedAt: { type: 'bigint', columnType: 'bigint' },
  },
});

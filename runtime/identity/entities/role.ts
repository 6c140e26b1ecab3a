import { EntitySchema } from '@mikro-orm/core';

/**
 * A role a community adds to the built-in ones (`party`, `rc`, … see `../roles.ts`). Its key is
 * a BPMN candidate group in that community.
 */
export interface Role {
  community: string;
  key: string;
  name: string;
  createdAt: number;
}

export const roleSchema = new EntitySchema<Role>({
  name: 'Role',
  tableName: 'id_role',
  properties: {
    community: { type: 'string', length: 64, primary: true },
    key: { type: 'string', length: 64, primary: true },
    name: { type: 'string', length: 255 },
    createdAt: { type: 'bigint', columnType: 'bigint' },
  },
});

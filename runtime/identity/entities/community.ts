import { EntitySchema } from '@mikro-orm/core';

/** A residential community (居民区): the tenant every definition, case and task belongs to. */
export interface Community {
  /** The `community` value every runtime row carries. */
  id: string;
  subDistrictId: string;
  name: string;
  createdAt: number;
}

export const communitySchema = new EntitySchema<Community>({
  name: 'Community',
  tableName: 'id_community',
  properties: {
    id: { type: 'string', length: 64, primary: true },
    subDistrictId: { type: 'string', length: 64 },
    name: { type: 'string', length: 255 },
    createdAt: { type: 'bigint', columnType: 'bigint' },
  },
  indexes: [{ name: 'id_community_sub_district_idx', properties: ['subDistrictId'] }],
});

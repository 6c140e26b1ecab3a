import { EntitySchema } from '@mikro-orm/core';

/** The sub-district (街道) above the communities; it owns the template library. */
export interface SubDistrict {
  id: string;
  name: string;
  createdAt: number;
}

export const subDistrictSchema = new EntitySchema<SubDistrict>({
  name: 'SubDistrict',
  tableName: 'id_sub_district',
  properties: {
    id: { type: 'string', length: 64, primary: true },
    name: { type: 'string', length: 255 },
    createdAt: { type: 'bigint', columnType: 'bigint' },
  },
});

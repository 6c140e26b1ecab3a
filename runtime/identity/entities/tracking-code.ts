import { EntitySchema } from '@mikro-orm/core';

/** A resident's tracking code for a case they submitted; only its sha256 is stored. */
export interface TrackingCode {
  codeHash: string;
  community: string;
  instanceId: string;
  createdAt: number;
}

export const trackingCodeSchema = new EntitySchema<TrackingCode>({
  name: 'TrackingCode',
  tableName: 'id_tracking_code',
  properties: {
    codeHash: { type: 'string', length: 64, primary: true },
    community: { type: 'string', length: 64 },
    instanceId: { type: 'string', length: 32 },
    createdAt: { type: 'bigint', columnType: 'bigint' },
  },
});

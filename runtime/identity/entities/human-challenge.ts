import { EntitySchema } from '@mikro-orm/core';

/** A question the public intake asks before it accepts a submission; answerable once. */
export interface HumanChallenge {
  id: string;
  answerHash: string;
  expiresAt: number;
  usedAt: number | null;
}

export const humanChallengeSchema = new EntitySchema<HumanChallenge>({
  name: 'HumanChallenge',
  tableName: 'id_human_challenge',
  properties: {
    id: { type: 'string', length: 32, primary: true },
    answerHash: { type: 'string', length: 64 },
    expiresAt: { type: 'bigint', columnType: 'bigint' },
    usedAt: { type: 'bigint', columnType: 'bigint', nullable: true },
  },
  indexes: [{ name: 'id_human_challenge_expiry_idx', properties: ['expiresAt'] }],
});

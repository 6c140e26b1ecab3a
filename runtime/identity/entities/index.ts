import { apiTokenSchema } from './api-token.js';
import { auditEntrySchema } from './audit-entry.js';
import { communitySchema } from './community.js';
import { humanChallengeSchema } from './human-challenge.js';
import { loginAttemptSchema } from './login-attempt.js';
import { membershipSchema } from './membership.js';
import { roleSchema } from './role.js';
import { sessionSchema } from './session.js';
import { subDistrictSchema } from './sub-district.js';
import { trackingCodeSchema } from './tracking-code.js';
import { userSchema } from './user.js';

/** Every identity entity; `migration-identity-0001.ts` creates their tables. */
export const identityEntities = [
  subDistrictSchema,
  communitySchema,
  userSchema,
  roleSchema,
  membershipSchema,
  sessionSchema,
  apiTokenSchema,
  auditEntrySchema,
  loginAttemptSchema,
  trackingCodeSchema,
  humanChallengeSchema,
];

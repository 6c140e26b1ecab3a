import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireActor } from '../plugins/identity.js';
import type { SqlDatabase } from '../persistence/sql-database.js';
import { errorResponses } from '../schemas/common.js';
import { bylawRules, effectiveBylaw, parseBylawValues } from './bylaw-settings.js';
import { BylawSchema, SetBylawBodySchema } from './bylaw-schemas.js';
import { readBylaw, writeBylaw, type StoredBylaw } from './bylaw-store.js';
import { userName } from '../identity/user-names.js';

function viewOf(community: string, stored: StoredBylaw, updatedByName: string | null) {
  const bylaw = effectiveBylaw(stored.values);
  return {
    community,
    settings: bylawRules.map((rule) => ({ ...rule, value: stored.values[rule.key] ?? null, effective: bylaw[rule.key] })),
    bylaw,
    updatedBy: stored.updatedBy,
    updatedByName,
    updatedAt: stored.updatedAt === null ? null : new Date(stored.updatedAt).toISOString(),
  };
}

/**
 * The community's bylaw settings (规约参数, issue 8), mounted at `/api/bylaw`: everyone of the
 * community may read them (bylaws are public there); its admin changes them with a reason (the
 * route policy writes the audit row). New cases read them as the variable `bylaw`
 * (bylaw-variable.ts, runtime/start-variables/); running cases keep the settings they started with.
 */
export const bylawRoutes: FastifyPluginAsyncTypebox<{ readonly db: SqlDatabase }> = async (app, { db }) => {
  const tags = ['bylaw'];

  app.get(
    '',
    { schema: { tags, summary: '本居民区的规约参数（含缺省值）/ the community\'s bylaw settings with their defaults', response: { 200: BylawSchema, ...errorResponses(401, 403) } } },
    async (request) => {
      const stored = await readBylaw(db, request.identity.community);
      return viewOf(request.identity.community, stored, await userName(db, stored.updatedBy));
    },
  );

  app.put(
    '',
    {
      schema: {
        tags,
        summary: '修改规约参数（社区管理员，须填写原因；只影响新案件）/ change the bylaw settings (community admin, with a reason; new cases only)',
        body: SetBylawBodySchema,
        response: { 200: BylawSchema, ...errorResponses(401, 403, 422) },
      },
    },
    async (request) => {
      const { community, userId } = requireActor(request);
      const values = parseBylawValues(request.body.settings);
      const stored = await db.transaction(async (tx) => {
        await writeBylaw(tx, community, values, userId, Date.now());
        return readBylaw(tx, community);
      });
      return viewOf(community, stored, await userName(db, stored.updatedBy));
    },
  );
};

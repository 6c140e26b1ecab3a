import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../plugins/identity.js';
import { errorResponses, ListOf } from '../../schemas/common.js';
import { NotFoundError, UnsupportedError } from '../../services/errors.js';
import type { RetentionAdmin, RetentionPolicyView, WorkflowService } from '../../services/workflow-service.js';
import { RetentionParamsSchema, RetentionPolicySchema, SetRetentionBodySchema } from './retention-schemas.js';

/** The SQL service keeps retention policies; a stand-in service may not. */
function retentionOf(service: WorkflowService): RetentionAdmin {
  const candidate = service as WorkflowService & Partial<RetentionAdmin>;
  if (typeof candidate.listRetentionPolicies !== 'function' || typeof candidate.setRetentionPolicy !== 'function') throw new UnsupportedError('retention policies');
  return candidate as RetentionAdmin;
}

function viewOf(policy: RetentionPolicyView): { processKey: string; years: number; updatedBy: string; updatedAt: string } {
  return { processKey: policy.processKey, years: policy.retainYears, updatedBy: policy.updatedBy, updatedAt: policy.updatedAt };
}

/**
 * History retention per process (issue 4): finished cases older than N years are archived to a
 * file under DATA_DIR/archive and removed, in batches, by the job executor. The community admin
 * sets N per process; without a policy cases are kept.
 */
const retentionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['retention'];

  app.get(
    '',
    { schema: { tags, summary: '本社区的案件保留期限 / the community\'s retention policies', response: { 200: ListOf(RetentionPolicySchema), ...errorResponses(401, 403, 501) } } },
    async (request) => (await retentionOf(app.workflow).listRetentionPolicies({ community: request.identity.community })).map(viewOf),
  );

  app.put(
    '/:processKey',
    {
      schema: {
        tags,
        summary: '设置流程的保留期限（年）/ set how many years finished cases of a process are kept',
        params: RetentionParamsSchema,
        body: SetRetentionBodySchema,
        response: { 200: RetentionPolicySchema, ...errorResponses(401, 403, 404, 501) },
      },
    },
    async (request) => {
      const policy = await retentionOf(app.workflow).setRetentionPolicy({ ...requireActor(request), processKey: request.params.processKey, retainYears: request.body.years });
      if (policy === null) throw new Error('setting a policy with years returns it');
      return viewOf(policy);
    },
  );

  app.delete(
    '/:processKey',
    {
      schema: {
        tags,
        summary: '取消流程的保留期限（永久保留）/ remove the policy: keep cases for good',
        params: RetentionParamsSchema,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 501) },
      },
    },
    async (request, reply) => {
      const service = retentionOf(app.workflow);
      const acting = requireActor(request);
      const exists = (await service.listRetentionPolicies(acting)).some((policy) => policy.processKey === request.params.processKey);
      if (!exists) throw new NotFoundError('保留期限 / retention policy', request.params.processKey);
      await service.setRetentionPolicy({ ...acting, processKey: request.params.processKey, retainYears: null });
      return reply.status(204).send(null);
    },
  );
};

export default retentionRoutes;

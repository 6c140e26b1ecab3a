import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireActor } from '../../plugins/identity.js';
import { errorResponses } from '../../schemas/common.js';
import { AddCommentBodySchema, CommentPageSchema, CommentSchema, ListCommentsQuerySchema } from '../../schemas/collaboration.js';
import { InstanceParamsSchema } from '../../schemas/instances.js';
import { namedComment, namedComments } from '../people-names.js';

/** Comments on an instance (mounted at `/instances/:id/comments`): internal notes and public replies, with their authors by name. */
const commentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '',
    {
      schema: {
        tags: ['collaboration'],
        summary: '实例的评论 / comments on an instance',
        params: InstanceParamsSchema,
        querystring: ListCommentsQuerySchema,
        response: { 200: CommentPageSchema, ...errorResponses(404) },
      },
    },
    async (request) => {
      const page = await app.workflow.listComments({ community: request.identity.community, instanceId: request.params.id, ...request.query });
      return { ...page, items: await namedComments(request, page.items) };
    },
  );

  app.post(
    '',
    {
      schema: {
        tags: ['collaboration'],
        summary: '添加内部备注或公开答复 / add an internal note or a public reply',
        params: InstanceParamsSchema,
        body: AddCommentBodySchema,
        response: { 201: CommentSchema, ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      const comment = await app.workflow.addComment({ ...requireActor(request), instanceId: request.params.id, ...request.body });
      return reply.status(201).send(await namedComment(request, comment));
    },
  );
};

export default commentRoutes;

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import path from 'node:path';
import type { SqlDatabase } from '../persistence/sql-database.js';
import { requireActor } from '../plugins/identity.js';
import { errorResponses } from '../schemas/common.js';
import { DeployResultSchema } from '../schemas/definitions.js';
import {
  ContentBodySchema,
  DraftStampSchema,
  EditableSchema,
  FromTemplateBodySchema,
  InstanceParamsSchema,
  InstancePathSchema,
  KeyParamsSchema,
  LibraryKindParamsSchema,
  MonitorInstancesQuerySchema,
  MonitorInstancesSchema,
  OverviewQuerySchema,
  OverviewSchema,
  ProcessRowSchema,
  TemplateSchema,
  TemplateSummarySchema,
  TemplateUpdateSchema,
} from './library-schemas.js';
import { importLibraryFiles } from './library-file-import.js';
import { LibraryService } from './library-service.js';
import { LibraryStore } from './library-store.js';
import { libraryNames } from './library-names.js';
import { MonitorService } from './monitor-service.js';
import { Type } from 'typebox';

/**
 * The process library, form library and monitor figures (issue 7), mounted at `/api/library`.
 * Reads the workflow service (`app.workflow`), the form canonicaliser (`app.forms`) and the
 * configuration (`app.config`) that `buildApp` decorates; drafts live in the database `db`.
 * Drafts an earlier release kept under `<DATA_DIR>/library/*.json` are imported once at start.
 */
export const libraryRoutes: FastifyPluginAsyncTypebox<{ readonly db: SqlDatabase }> = async (app, options) => {
  const host = app as unknown as FastifyInstance; // the decorations are declared by their plugins on FastifyInstance
  const fileImport = await importLibraryFiles(options.db, path.join(host.config.dataDir, 'library'));
  if (fileImport.imported > 0) app.log.info({ records: fileImport.imported }, '流程库草稿已从文件导入数据库 / library drafts imported from files into the database');
  for (const file of fileImport.unreadable) app.log.warn({ file }, '无法读取的流程库文件，未导入 / unreadable library file left in place');
  const library = new LibraryService({
    workflow: host.workflow,
    store: new LibraryStore(options.db),
    definitionsDir: host.config.definitionsDir,
  });
  const monitor = new MonitorService(host.workflow);
  const named = libraryNames(options.db);
  const tags = ['library'];

  app.get('/templates', { schema: { tags, summary: '街道模板列表 / sub-district templates', response: { 200: Type.Array(TemplateSummarySchema), ...errorResponses() } } }, async () =>
    (await library.templates()).map(({ key, name, hash }) => ({ key, name, hash })),
  );

  app.get('/templates/:key', { schema: { tags, summary: '读取模板 / read a template', params: KeyParamsSchema, response: { 200: TemplateSchema, ...errorResponses(404) } } }, async (request) =>
    library.template(request.params.key),
  );

  app.get('/processes', { schema: { tags, summary: '本社区流程库 / the community\'s processes with versions and case counts', response: { 200: Type.Array(ProcessRowSchema), ...errorResponses() } } }, async (request) =>
    named.processes(await library.processes({ community: request.identity.community })),
  );

  app.post(
    '/processes/from-template',
    { schema: { tags, summary: '基于模板创建（草稿）/ copy a template into the community as a draft', body: FromTemplateBodySchema, response: { 201: EditableSchema, ...errorResponses(401, 404, 409) } } },
    async (request, reply) => reply.status(201).send(await named.editable(await library.createFromTemplate(requireActor(request), request.body.templateKey))),
  );

  app.get(
    '/:kind/:key/editable',
    { schema: { tags, summary: '打开编辑（草稿或最新版本）/ open for editing (draft, else latest version)', params: LibraryKindParamsSchema, response: { 200: EditableSchema, ...errorResponses(404) } } },
    async (request) => named.editable(await library.editable({ community: request.identity.community }, request.params.kind, request.params.key)),
  );

  app.put(
    '/:kind/:key/draft',
    { schema: { tags, summary: '保存草稿 / save a draft', params: LibraryKindParamsSchema, body: ContentBodySchema, response: { 200: DraftStampSchema, ...errorResponses(401, 409) } } },
    async (request) =>
      named.saved(await named.namingConflicts(() => library.saveDraft(requireActor(request), request.params.kind, request.params.key, request.body.content, request.body.revision))),
  );

  app.delete(
    '/:kind/:key/draft',
    { schema: { tags, summary: '放弃草稿 / discard a draft', params: LibraryKindParamsSchema, response: { 204: Type.Null(), ...errorResponses(401) } } },
    async (request, reply) => {
      await library.discardDraft(requireActor(request), request.params.kind, request.params.key);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/processes/:key/publish',
    { schema: { tags, summary: '发布（部署新版本）/ publish: deploy a new version', params: KeyParamsSchema, body: ContentBodySchema, response: { 201: DeployResultSchema, 200: DeployResultSchema, ...errorResponses(401, 409, 422) } } },
    async (request, reply) => {
      const result = await named.namingConflicts(() => library.publishProcess(requireActor(request), request.params.key, request.body.content, request.body.revision));
      return reply.status(result.unchanged ? 200 : 201).send(result);
    },
  );

  app.post(
    '/forms/:key/publish',
    { schema: { tags, summary: '发布表单新版本（检查已发布条件使用的字段）/ publish a form version (guards fields used by published conditions)', params: KeyParamsSchema, body: ContentBodySchema, response: { 201: DeployResultSchema, 200: DeployResultSchema, ...errorResponses(401, 409, 422) } } },
    async (request, reply) => {
      const result = await named.namingConflicts(() =>
        library.publishForm(requireActor(request), request.params.key, request.body.content, (text) => host.forms.canonicalFormDefinition(text), request.body.revision),
      );
      return reply.status(result.unchanged ? 200 : 201).send(result);
    },
  );

  app.get(
    '/processes/:key/template-update',
    { schema: { tags, summary: '模板更新与差异 / the newer template with the element diff', params: KeyParamsSchema, response: { 200: TemplateUpdateSchema, ...errorResponses(404) } } },
    async (request) => library.templateUpdate({ community: request.identity.community }, request.params.key),
  );

  app.post(
    '/processes/:key/adopt-template',
    { schema: { tags, summary: '采用新模板（成为草稿）/ take the newer template as the draft', params: KeyParamsSchema, response: { 200: EditableSchema, ...errorResponses(401, 404) } } },
    async (request) => named.editable(await library.adoptTemplate(requireActor(request), request.params.key)),
  );

  app.get(
    '/monitor/:key',
    { schema: { tags, summary: '运行监控：计数与各节点徽标 / monitor counts and per-element badges', params: KeyParamsSchema, querystring: OverviewQuerySchema, response: { 200: OverviewSchema, ...errorResponses() } } },
    async (request) => monitor.overview({ community: request.identity.community }, request.params.key, request.query.version ?? null),
  );

  app.get(
    '/monitor/:key/instances',
    { schema: { tags, summary: '运行监控：案件筛选 / monitor instance list with filters', params: KeyParamsSchema, querystring: MonitorInstancesQuerySchema, response: { 200: MonitorInstancesSchema, ...errorResponses() } } },
    async (request) => ({ items: await named.instances(await monitor.instances({ community: request.identity.community, processKey: request.params.key, ...request.query })) }),
  );

  app.get(
    '/instances/:id/path',
    { schema: { tags, summary: '案件已走路径 / the completed path of a case', params: InstanceParamsSchema, response: { 200: InstancePathSchema, ...errorResponses(404) } } },
    async (request) => monitor.path({ community: request.identity.community }, request.params.id),
  );
};

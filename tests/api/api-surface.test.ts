import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { UnsupportedError } from '../../runtime/services/errors.js';
import type { PublishMessageInput } from '../../runtime/services/workflow-service.js';
import { as, buildTestApp, fakeService } from './test-app.js';

describe('API surface', () => {
  let app: FastifyInstance;
  let published: PublishMessageInput | undefined;

  beforeAll(async () => {
    app = await buildTestApp({
      service: fakeService({
        publishMessage: async (input) => {
          published = input;
          return { messageKey: 'M1', correlated: true, instanceIds: ['I1'], startedInstanceIds: [], buffered: false, duplicate: false };
        },
        broadcastSignal: async () => {
          throw new UnsupportedError('信号广播 / signal broadcast');
        },
      }),
    });
  });

  afterAll(async () => {
    await app.close();
  });

  it('should document every API route with a summary, a tag and its error answers', async () => {
    // when
    const document = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, { summary?: string; tags?: string[]; responses?: Record<string, unknown> }>>;
    };

    // then
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThanOrEqual(30);
    const undocumented = operations.filter(({ op }) => !op.summary || !op.tags?.length).map(({ path, method }) => `${method} ${path}`);
    expect(undocumented).toEqual([]);
    const withoutErrors = operations.filter(({ path, op }) => path !== '/api/ws' && !op.responses?.['400']).map(({ path, method }) => `${method} ${path}`);
    expect(withoutErrors).toEqual([]);
  });

  it('should publish a message with its correlation key and say whether it correlated', async () => {
    // when
    const response = await app.inject({
      method: 'POST',
      url: '/api/messages',
      headers: as('pm-clerk', ['pm']),
      payload: { name: 'repair-done', correlationKey: 'R-001', variables: { cost: 120 }, messageId: 'pm-42' },
    });

    // then
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ messageKey: 'M1', correlated: true, instanceIds: ['I1'], startedInstanceIds: [], buffered: false, duplicate: false });
    expect(published).toMatchObject({ community: 'demo', userId: 'pm-clerk', name: 'repair-done', correlationKey: 'R-001', messageId: 'pm-42' });
  });

  it('should say clearly when signals are not supported yet', async () => {
    // when
    const response = await app.inject({ method: 'POST', url: '/api/signals', headers: as('party-secretary', ['party']), payload: { name: 'typhoon-warning' } });

    // then
    expect(response.statusCode).toBe(501);
    expect(response.json()).toMatchObject({ code: 'WF_UNSUPPORTED', message: expect.stringContaining('信号广播') });
  });

  it('should refuse a broken form with every problem and deploy nothing', async () => {
    // given
    let deployed = false;
    const strict = await buildTestApp({
      service: fakeService({
        deployDefinition: async () => {
          deployed = true;
          return { definitions: [], unchanged: true };
        },
      }),
    });

    // when
    const response = await strict.inject({
      method: 'POST',
      url: '/api/definitions',
      headers: as('secretary', ['rc']),
      payload: { kind: 'form', content: { id: 'bad', components: [{ type: 'textfield', id: 'f1', key: 'name', conditional: { hide: '=a >' } }, { type: 'number', id: 'f2', key: 'name' }] } },
    });
    const notJson = await strict.inject({ method: 'POST', url: '/api/definitions', headers: as('secretary', ['rc']), payload: { kind: 'form', content: '{ not json' } });
    await strict.close();

    // then
    expect(response.statusCode).toBe(422);
    expect(response.json().details.problems.map((p: { elementId: string; field: string }) => `${p.elementId}:${p.field}`)).toEqual(['f1:conditional.hide', 'f2:key']);
    expect(notJson.statusCode).toBe(422);
    expect(deployed).toBe(false);
  });

  it('should refuse an upload of an unknown file type for deployment', async () => {
    // given
    const boundary = 'xyz';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="notes.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`;

    // when
    const response = await app.inject({
      method: 'POST',
      url: '/api/definitions/upload',
      headers: { ...as('secretary', ['rc']), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    const notMultipart = await app.inject({ method: 'POST', url: '/api/definitions/upload', headers: as('secretary', ['rc']), payload: { kind: 'bpmn' } });

    // then
    expect(response.statusCode).toBe(415);
    expect(notMultipart.statusCode).toBe(415);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { DeployDefinitionInput, WorkflowService } from '../../runtime/services/workflow-service.js';
import { WorkflowValidationError } from '../../runtime/services/errors.js';
import { HttpError } from '../../runtime/plugins/http-error.js';
import { as, buildTestApp, fakeService } from './test-app.js';

describe('bad input', () => {
  let app: FastifyInstance;
  /** What the fake service does on deploy/list in the current test. */
  let service: Partial<WorkflowService> = {};

  beforeAll(async () => {
    app = await buildTestApp({
      service: fakeService({
        deployDefinition: (input) => (service.deployDefinition ?? fakeService().deployDefinition)(input),
        listDefinitions: (input) => (service.listDefinitions ?? fakeService().listDefinitions)(input),
      }),
    });
  });

  afterEach(() => {
    service = {};
  });

  afterAll(async () => {
    await app.close();
  });

  it('should answer malformed JSON with 400 WF_BAD_JSON', async () => {
    // given the app (the service is never reached)
    // when
    const response = await app.inject({ method: 'POST', url: '/api/definitions', headers: { ...as('clerk'), 'content-type': 'application/json' }, payload: '{"kind": "bpmn",' });

    // then
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'WF_BAD_JSON' });
  });

  it('should name every unknown field and wrong type', async () => {
    // given the app (the service is never reached)
    // when
    const response = await app.inject({
      method: 'POST',
      url: '/api/definitions',
      headers: as('clerk'),
      payload: { kind: 'bpmn', content: '<x/>', colour: 'red', name: 42 },
    });

    // then
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.code).toBe('WF_REQUEST_INVALID');
    expect(body.details.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: 'body', path: '/colour' }),
        expect.objectContaining({ in: 'body', path: '/name' }),
      ]),
    );
  });

  it('should refuse a body over the limit with 413 and not call the service', async () => {
    // given
    let called = false;
    const small = await buildTestApp({
      env: { BODY_LIMIT: '2kb' },
      service: fakeService({
        deployDefinition: async () => {
          called = true;
          return { definitions: [], unchanged: true };
        },
      }),
    });

    // when
    const response = await small.inject({ method: 'POST', url: '/api/definitions', headers: as('clerk'), payload: { kind: 'bpmn', content: 'x'.repeat(4096) } });
    await small.close();

    // then
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('WF_PAYLOAD_TOO_LARGE');
    expect(called).toBe(false);
  });

  it('should refuse an invalid id in the path with 400', async () => {
    // given the app (the service is never reached)
    // when
    const response = await app.inject({ method: 'GET', url: '/api/definitions/bpmn/has%20space/versions' });

    // then
    expect(response.statusCode).toBe(400);
    expect(response.json().details.problems[0]).toMatchObject({ in: 'params', path: '/key' });
  });

  it('should answer an unknown route with a JSON 404', async () => {
    // given the app (the service is never reached)
    // when
    const response = await app.inject({ method: 'GET', url: '/api/nothing-here' });

    // then
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('WF_ROUTE_NOT_FOUND');
  });

  it('should hide the details of an unexpected failure', async () => {
    // given
    service = {
      listDefinitions: async () => {
        throw new Error('SQLITE_CORRUPT: database disk image is malformed at /srv/data/linli.db');
      },
    };

    // when
    const response = await app.inject({ method: 'GET', url: '/api/definitions' });

    // then
    expect(response.statusCode).toBe(500);
    const body = response.json();
    expect(body.code).toBe('WF_INTERNAL');
    expect(response.body).not.toContain('SQLITE');
    expect(response.body).not.toContain('at ');
    expect(body.details.requestId).toEqual(expect.any(String));
    expect(response.headers['x-request-id']).toBe(body.details.requestId);
  });

  it('should pass a failing BPMN through as 422 with every problem', async () => {
    // given
    const problems = [
      { elementId: 'Task_1', elementType: 'bpmn:ServiceTask', field: 'zeebe:taskDefinition.type', message: '缺少任务类型 / job type missing', line: 12, column: 5 },
      { elementId: 'Flow_2', elementType: 'bpmn:SequenceFlow', message: '条件语法错误 / condition syntax error', line: 20, column: 3 },
    ];
    let seen: DeployDefinitionInput | undefined;
    service = {
      deployDefinition: async (input) => {
        seen = input;
        throw new WorkflowValidationError(problems);
      },
    };

    // when
    const response = await app.inject({ method: 'POST', url: '/api/definitions', headers: as('secretary'), payload: { kind: 'bpmn', content: '<definitions/>' } });

    // then
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'WF_VALIDATION', details: { problems } });
    expect(seen).toMatchObject({ userId: 'secretary', community: 'demo', kind: 'bpmn' });
  });

  it('should ask anonymous callers to sign in before changing anything', async () => {
    // given the app (the service is never reached)
    // when
    const response = await app.inject({ method: 'POST', url: '/api/definitions', payload: { kind: 'bpmn', content: '<definitions/>' } });

    // then
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('WF_UNAUTHENTICATED');
  });

  it('should refuse a malformed identity header', async () => {
    // given the app (the service is never reached)
    // when
    const response = await app.inject({ method: 'GET', url: '/api/definitions', headers: { 'x-community': '../etc' } });

    // then
    expect(response.statusCode).toBe(400);
    expect(response.json().details.problems[0]).toMatchObject({ in: 'headers', path: '/x-community' });
  });

  it('should refuse prototype-poisoning JSON', async () => {
    // given the app (the service is never reached)
    // when
    const response = await app.inject({
      method: 'POST',
      url: '/api/definitions',
      headers: { ...as('clerk'), 'content-type': 'application/json' },
      payload: '{"kind":"form","content":{"__proto__":{"admin":true}}}',
    });

    // then
    expect(response.statusCode).toBe(400);
  });
});

describe('bad input: unions and media types', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('should name the allowed values once when a value fits none', async () => {
    // when
    const response = await app.inject({ method: 'GET', url: '/api/definitions?kind=workflow' });

    // then
    expect(response.statusCode).toBe(400);
    expect(response.json().details.problems).toEqual([{ in: 'querystring', path: '/kind', message: expect.stringContaining('"bpmn", "form"') }]);
  });

  it('should refuse a plain-text body with 415', async () => {
    // when
    const response = await app.inject({ method: 'POST', url: '/api/instances', headers: { ...as('clerk'), 'content-type': 'text/plain' }, payload: 'start please' });

    // then
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe('WF_UNSUPPORTED_MEDIA_TYPE');
  });

  it('should refuse a malformed URL with 400', async () => {
    // when
    const response = await app.inject({ method: 'GET', url: '/api/instances/%E0%A4%A' });

    // then
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('WF_BAD_URL');
  });
});

describe('error answers', () => {
  it('should tell a rate-limited client when to retry', async () => {
    // given
    const app = await buildTestApp({
      service: fakeService({
        listDefinitions: async () => {
          throw new HttpError(429, 'WF_RATE_LIMITED', '请求过于频繁 / too many requests', { retryAfterSeconds: 30 });
        },
      }),
    });

    // when
    const response = await app.inject({ method: 'GET', url: '/api/definitions' });
    await app.close();

    // then
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('30');
    expect(response.json()).toMatchObject({ code: 'WF_RATE_LIMITED', details: { retryAfterSeconds: 30 } });
  });
});

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildRealApp } from './real-app.js';
import { as } from './test-app.js';

const xml = readFileSync(new URL('./fixtures/address-verification.bpmn', import.meta.url), 'utf8');

describe('job worker API', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  const admin = as('secretary', ['rc']);

  beforeAll(async () => {
    ({ app, close } = await buildRealApp());
    const deployed = await app.inject({ method: 'POST', url: '/api/definitions', headers: admin, payload: { kind: 'bpmn', content: xml } });
    expect(deployed.statusCode).toBe(201);
  });

  afterAll(async () => {
    await close();
  });

  async function startCase(address: string): Promise<string> {
    const response = await app.inject({ method: 'POST', url: '/api/instances', headers: admin, payload: { processKey: 'address_verification', variables: { address } } });
    expect(response.statusCode).toBe(201);
    return response.json().id;
  }

  async function activate(worker: string, requestTimeoutMs = 0) {
    const response = await app.inject({
      method: 'POST',
      url: '/api/jobs/activate',
      payload: { type: 'verify-address', worker, maxJobs: 10, lockTimeoutMs: 60_000, requestTimeoutMs },
    });
    expect(response.statusCode).toBe(200);
    return response.json().jobs as { key: string; instanceId: string; retries: number; variables: Record<string, unknown> }[];
  }

  it('should lock an activated job to its worker until it completes', async () => {
    // given
    const instanceId = await startCase('东明路 1 号');

    // when
    const jobs = (await activate('worker-a')).filter((job) => job.instanceId === instanceId);
    const others = (await activate('worker-b')).filter((job) => job.instanceId === instanceId);
    const stolen = await app.inject({ method: 'POST', url: `/api/jobs/${jobs[0]?.key}/complete`, payload: { worker: 'worker-b' } });
    const completed = await app.inject({ method: 'POST', url: `/api/jobs/${jobs[0]?.key}/complete`, payload: { worker: 'worker-a', variables: { verified: true } } });

    // then
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.variables).toMatchObject({ address: '东明路 1 号' });
    expect(others).toEqual([]);
    expect(stolen.statusCode).toBe(409);
    expect(completed.statusCode).toBe(204);
    const instance = await app.inject({ method: 'GET', url: `/api/instances/${instanceId}` });
    expect(instance.json().variables).toMatchObject({ verified: true });
    expect(instance.json().activeElements).toMatchObject([{ elementId: 'Task_Review' }]);
  });

  it('should raise an incident when retries run out, and run again after an admin retry', async () => {
    // given
    const instanceId = await startCase('不存在的地址');
    const [job] = (await activate('worker-a')).filter((j) => j.instanceId === instanceId);

    // when the worker fails it with no retries left
    const failed = await app.inject({ method: 'POST', url: `/api/jobs/${job?.key}/fail`, payload: { worker: 'worker-a', retries: 0, errorMessage: '地址库无响应' } });
    const incidents = await app.inject({ method: 'GET', url: `/api/incidents?instanceId=${instanceId}&status=open` });

    // then an incident is open with the worker's message
    expect(failed.statusCode).toBe(204);
    expect(incidents.json().items).toMatchObject([{ instanceId, elementId: 'Task_Check', status: 'open', message: expect.stringContaining('地址库无响应') }]);

    // when an admin retries it and a worker completes the job
    const incidentId = incidents.json().items[0].id;
    const retried = await app.inject({ method: 'POST', url: `/api/incidents/${incidentId}/retry`, headers: admin, payload: { retries: 1 } });
    const [again] = (await activate('worker-c')).filter((j) => j.instanceId === instanceId);
    await app.inject({ method: 'POST', url: `/api/jobs/${again?.key}/complete`, payload: { worker: 'worker-c' } });

    // then the case moves on
    expect(retried.statusCode).toBe(200);
    expect(retried.json().status).toBe('resolved');
    const instance = await app.inject({ method: 'GET', url: `/api/instances/${instanceId}` });
    expect(instance.json().activeElements).toMatchObject([{ elementId: 'Task_Review' }]);
  });

  it('should turn an uncaught business error into an incident', async () => {
    // given
    const instanceId = await startCase('东明路 999 号');
    const [job] = (await activate('worker-a')).filter((j) => j.instanceId === instanceId);

    // when
    const thrown = await app.inject({ method: 'POST', url: `/api/jobs/${job?.key}/error`, payload: { worker: 'worker-a', errorCode: 'ADDRESS_UNKNOWN', errorMessage: '查无此址' } });
    const incidents = await app.inject({ method: 'GET', url: `/api/incidents?instanceId=${instanceId}` });

    // then
    expect(thrown.statusCode).toBe(204);
    expect(incidents.json().items).toHaveLength(1);
  });

  it('should hand a job to a waiting long poll as soon as one is created', async () => {
    // given a worker waiting with nothing to do
    const waiting = activate('worker-long', 10_000);

    // when a case creates a job
    const instanceId = await startCase('东明路 5 号');

    // then the waiting worker receives it
    const jobs = await waiting;
    expect(jobs.map((job) => job.instanceId)).toContain(instanceId);
  });

  it('should refuse bad worker requests with 4xx', async () => {
    // when
    const responses = await Promise.all([
      app.inject({ method: 'POST', url: '/api/jobs/activate', payload: { type: 'verify-address', worker: 'w', maxJobs: 0, lockTimeoutMs: 60_000 } }),
      app.inject({ method: 'POST', url: '/api/jobs/activate', payload: { type: 'verify-address', worker: 'w', maxJobs: 1 } }),
      app.inject({ method: 'POST', url: '/api/jobs/no-such-job/complete', payload: {} }),
      app.inject({ method: 'POST', url: '/api/jobs/x/fail', payload: { retries: -1, errorMessage: 'x' } }),
    ]);

    // then
    expect(responses.map((r) => r.statusCode)).toEqual([400, 400, 404, 400]);
  });
});

describe('job worker API on shutdown', () => {
  it('should end a waiting long poll when the server closes instead of holding the shutdown', { timeout: 20_000 }, async () => {
    // given a worker waiting up to five minutes
    const { app, harness } = await buildRealApp({ JOB_LONG_POLL_MAX_MS: '300000' });
    const waiting = app.inject({ method: 'POST', url: '/api/jobs/activate', payload: { type: 'nothing-ever', worker: 'w', maxJobs: 1, lockTimeoutMs: 60_000, requestTimeoutMs: 300_000 } });
    await new Promise((resolve) => setImmediate(resolve));

    // when the server shuts down
    await app.close();
    const response = await waiting;
    await harness.dispose();

    // then the worker gets an empty answer right away
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ jobs: [] });
  });
});

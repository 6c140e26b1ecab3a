import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRealApp } from '../api/real-app.js';
import { as, multipart } from '../api/test-app.js';

const runs = Number(process.env.FUZZ_RUNS ?? 400);
const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

interface Operation {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly queryParams: readonly string[];
  /** Property names of the JSON body schema (empty when the operation takes none or takes anything). */
  readonly bodyKeys: readonly string[];
  readonly json: boolean;
}

/** Every operation the OpenAPI document lists, so a new route is fuzzed without editing this test. */
function operations(spec: unknown): Operation[] {
  const result: Operation[] = [];
  const paths = isRecord(spec) && isRecord(spec['paths']) ? spec['paths'] : {};
  for (const [path, ops] of Object.entries(paths)) {
    if (!isRecord(ops)) continue;
    for (const [method, op] of Object.entries(ops)) {
      if (!isRecord(op)) continue;
      const parameters = Array.isArray(op['parameters']) ? op['parameters'].filter(isRecord) : [];
      const content = isRecord(op['requestBody']) && isRecord(op['requestBody']['content']) ? op['requestBody']['content'] : {};
      const jsonSchema = isRecord(content['application/json']) ? content['application/json']['schema'] : undefined;
      result.push({
        method: method.toUpperCase() as Operation['method'], // OpenAPI keys are HTTP methods in lower case
        path,
        pathParams: parameters.filter((p) => p['in'] === 'path').map((p) => String(p['name'])),
        queryParams: parameters.filter((p) => p['in'] === 'query').map((p) => String(p['name'])),
        bodyKeys: propertyNames(jsonSchema),
        json: jsonSchema !== undefined,
      });
    }
  }
  return result;
}

function propertyNames(schema: unknown): string[] {
  if (!isRecord(schema)) return [];
  const own = isRecord(schema['properties']) ? Object.keys(schema['properties']) : [];
  const alternatives = ['anyOf', 'oneOf', 'allOf'].flatMap((key) => (Array.isArray(schema[key]) ? schema[key].flatMap(propertyNames) : []));
  return [...new Set([...own, ...alternatives])];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

describe('every API operation under arbitrary input', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let ops: Operation[] = [];
  /** Ids that exist, so the fuzzer also reaches past the 404s. */
  const known: string[] = [];
  const secretary = as('secretary', ['rc']);

  beforeAll(async () => {
    ({ app, close } = await buildRealApp({ UPLOAD_LIMIT: '4kb' }));
    const form = await app.inject({ method: 'POST', url: '/api/definitions', headers: secretary, payload: { kind: 'form', content: JSON.parse(fixture('complaint-register.form.json')) } });
    expect(form.statusCode).toBe(201);
    const deployed = await app.inject({ method: 'POST', url: '/api/definitions', headers: secretary, payload: { kind: 'bpmn', content: fixture('complaint-intake.bpmn') } });
    expect(deployed.statusCode).toBe(201);
    const started = await app.inject({ method: 'POST', url: '/api/instances', headers: as('resident', ['resident']), payload: { processKey: 'complaint_intake', variables: { category: 'repair', description: '楼道灯坏了' } } });
    expect(started.statusCode).toBe(201);
    known.push(started.json().id);
    const tasks = await app.inject({ method: 'GET', url: `/api/tasks?instanceId=${started.json().id}`, headers: secretary });
    for (const task of tasks.json().items as { id: string }[]) known.push(task.id);
    ops = operations((await app.inject({ method: 'GET', url: '/api/docs/json' })).json());
  });

  afterAll(async () => {
    await close();
  });

  const hostileString = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom('', ' ', '../../etc/passwd', '..%2F..%2Fetc%2Fpasswd', '%00', '%', '%E0%A4%A', "' OR 1=1 --", '"; DROP TABLE process_instance; --', '<script>alert(1)</script>', '${7*7}', '{{7*7}}', '\u0000', '𠮷'.repeat(50), 'a'.repeat(5000), '-1', '0', '1e309', 'NaN', 'null', 'true', '[]', '{}', '__proto__', 'constructor', 'bpmn', 'form', 'complaint_intake'),
  );
  const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileString, fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 1e300, 2 ** 53 + 1));

  it('should list the operations to fuzz', () => {
    // given the OpenAPI document
    // then every route is there to be fuzzed
    expect(ops.length).toBeGreaterThan(30);
  });

  it('should answer every operation with a 2xx–4xx and a JSON error body, never a 5xx or a hang', async () => {
    // given random operations, ids, queries, bodies and callers
    const caller = fc.constantFrom(as('secretary', ['rc']), as('li', ['rc', 'pm']), as('resident', ['resident']), as('stranger', [], 'other'), {}, { 'x-user': '', 'x-community': '' }, { 'x-user': 'x'.repeat(300), 'x-groups': ','.repeat(100) });
    const body = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.constant(undefined));
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.array(fc.oneof(fc.constantFrom(...(known.length > 0 ? known : ['x'])), hostileString), { minLength: 4, maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 12 }), hostileString, { maxKeys: 3 }),
        fc.dictionary(fc.nat(), value, { maxKeys: 4 }),
        body,
        fc.boolean(),
        caller,
        async (opIndex, ids, extraQuery, queryByIndex, rawBody, shaped, headers) => {
          const op = ops[opIndex % ops.length];
          if (op === undefined) return;
          // when
          let idIndex = 0;
          const url = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(ids[idIndex++ % ids.length] ?? 'x'));
          const query = new URLSearchParams();
          for (const [index, v] of Object.entries(queryByIndex)) {
            const name = op.queryParams[Number(index) % Math.max(op.queryParams.length, 1)];
            if (name !== undefined) query.append(name, typeof v === 'string' ? v : JSON.stringify(v));
          }
          for (const [k, v] of Object.entries(extraQuery)) query.append(k, v);
          const payload: unknown = shaped && op.bodyKeys.length > 0 && rawBody !== undefined ? Object.fromEntries(op.bodyKeys.map((key, i) => [key, i % 2 === 0 ? rawBody : ids[i % ids.length]])) : rawBody;
          const response = await Promise.race([
            app.inject({
              method: op.method,
              url: `/api${url.replace(/^\/api/, '')}${query.size > 0 ? `?${query.toString()}` : ''}`,
              headers: { ...headers, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) },
              ...(payload !== undefined && op.method !== 'GET' ? { payload: JSON.stringify(payload) } : {}),
            }),
            new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in 10 s: ${op.method} ${url}`)), 10_000).unref()),
          ]);

          // then
          expect(response.statusCode, `${op.method} ${url} ${JSON.stringify(payload)?.slice(0, 300)} → ${response.body.slice(0, 300)}`).toBeLessThan(500);
          if (response.statusCode >= 400) expect(response.json()).toHaveProperty('code');
        },
      ),
      { numRuns: runs },
    );
  });

  it('should answer arbitrary bytes sent as JSON, multipart or form bodies with a 4xx', async () => {
    // given random bytes with a random declared type
    // malformed multipart is left out here: it is the known failure below
    const type = fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'application/xml', 'application/json; charset=utf-16', 'text/plain', '');
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.uint8Array({ maxLength: 300 }), type, async (opIndex, bytes, contentType) => {
        const writes = ops.filter((op) => op.method !== 'GET');
        const op = writes[opIndex % writes.length];
        if (op === undefined) return;
        // when
        const url = op.path.replace(/\{[^}]+\}/g, known[0] ?? 'x');
        const response = await app.inject({ method: op.method, url, headers: { ...secretary, 'content-type': contentType }, payload: Buffer.from(bytes) });

        // then
        expect(response.statusCode, `${op.method} ${url} ${contentType} → ${response.body.slice(0, 300)}`).toBeLessThan(500);
      }),
      { numRuns: Math.ceil(runs / 2) },
    );
  });

  it.each([
    ['/api/definitions/upload', 'multipart/form-data'],
    ['/api/instances/{id}/attachments', 'multipart/form-data'],
    ['/api/definitions/upload', 'multipart/form-data; boundary=x'],
    ['/api/instances/{id}/attachments', 'multipart/form-data; boundary=x'],
  ])('should answer a malformed multipart body on %s (%s) with a 4xx', async (path, contentType) => {
    // given a multipart body that is not multipart (no boundary, or a truncated body)
    // when
    const response = await app.inject({ method: 'POST', url: path.replace('{id}', known[0] ?? 'x'), headers: { ...secretary, 'content-type': contentType }, payload: Buffer.from([0]) });

    // then
    expect(response.statusCode).toBe(400);
  });

  it('should answer a multipart upload with hostile field values and file names with a 4xx or a stored file', async () => {
    // given
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('fake image body')]);
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('visibility', 'taskId', 'x', 'file'), fc.string({ maxLength: 20 })), fc.oneof(hostileString, fc.constant('photo.png')), async (fields, fileName) => {
        // when
        const upload = multipart(fields, { name: fileName.replace(/["\r\n]/g, ''), type: 'image/png', content: png });
        const response = await app.inject({ method: 'POST', url: `/api/instances/${known[0] ?? 'x'}/attachments`, headers: { ...as('li', ['rc']), ...upload.headers }, payload: upload.payload });

        // then
        expect(response.statusCode, response.body.slice(0, 300)).toBeLessThan(500);
      }),
      { numRuns: Math.ceil(runs / 4) },
    );
  });
});

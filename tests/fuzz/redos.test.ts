import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRealApp } from '../api/real-app.js';
import { as } from '../api/test-app.js';

/** The gateway process with its one condition written in; `&`, `<` and `>` escaped for XML. */
const gatewayProcess = (condition: string): string =>
  readFileSync(new URL('./fixtures/pattern-gateway.bpmn', import.meta.url), 'utf8').replace('CONDITION', condition.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));

/** Text on which `(a+)+$` backtracks for longer than any test run: the guard must stop it first. */
const evilInput = `${'a'.repeat(48)}!`;

describe('user regular expressions that backtrack catastrophically', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  const secretary = as('secretary', ['rc']);

  beforeAll(async () => {
    ({ app, close } = await buildRealApp());
  });

  afterAll(async () => {
    await close();
  });

  it.each(['(a+)+$', '(a|aa)*$'])('should refuse at deploy a FEEL condition matching against %s, naming the element and the pattern', async (pattern) => {
    // given a gateway condition with a catastrophic literal pattern
    const content = gatewayProcess(`=matches(code, "${pattern}")`);

    // when
    const response = await app.inject({ method: 'POST', url: '/api/definitions', headers: secretary, payload: { kind: 'bpmn', content } });

    // then
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Flow_Matches');
    expect(response.json().message + JSON.stringify(response.json().details)).toContain(pattern);
  });

  it('should refuse at deploy a form field whose validate.pattern is catastrophic, naming the field and the pattern', async () => {
    // given
    const form = { id: 'evil-pattern', type: 'default', components: [{ type: 'textfield', id: 'Field_Code', key: 'code', label: '编号', validate: { pattern: '^(\\w+\\s?)*$' } }] };

    // when
    const response = await app.inject({ method: 'POST', url: '/api/definitions', headers: secretary, payload: { kind: 'form', content: form } });

    // then
    expect(response.statusCode).toBe(422);
    const text = JSON.stringify(response.json());
    expect(text).toContain('Field_Code');
    expect(text).toContain('validate.pattern');
    expect(text).toContain('^(\\\\w+\\\\s?)*$');
  });

  it('should raise an incident, not hang, when a pattern built from variables at run time is catastrophic', async () => {
    // given a condition whose pattern is assembled at run time (nothing to check at deploy)
    const deployed = await app.inject({ method: 'POST', url: '/api/definitions', headers: secretary, payload: { kind: 'bpmn', content: gatewayProcess('=matches(code, "(" + unit + ")+$")') } });
    expect(deployed.statusCode).toBe(201);

    // when a case supplies the evil piece and the input it explodes on
    const started = await app.inject({ method: 'POST', url: '/api/instances', headers: secretary, payload: { processKey: 'pattern_gateway', variables: { code: evilInput, unit: 'a+' } } });
    const instanceId = started.json().id as string;
    const incidents = await app.inject({ method: 'GET', url: `/api/incidents?instanceId=${instanceId}&status=open`, headers: secretary });

    // then the gateway stopped with an incident naming the pattern, and the server still answers
    expect(started.statusCode).toBe(201);
    expect(incidents.json().items).toMatchObject([{ elementId: 'Gateway_Format', status: 'open', message: expect.stringContaining('(a+)+$') }]);
    const safe = await app.inject({ method: 'POST', url: '/api/instances', headers: secretary, payload: { processKey: 'pattern_gateway', variables: { code: 'AB-12', unit: '[A-Z]' } } });
    expect(safe.statusCode).toBe(201);
    const tasks = await app.inject({ method: 'GET', url: `/api/instances/${safe.json().id}`, headers: secretary });
    expect(JSON.stringify(tasks.json())).toContain('Task_Other');
  });

  it('should raise an incident when a safe pattern is asked to scan an input over the cap', async () => {
    // given
    // when
    const started = await app.inject({ method: 'POST', url: '/api/instances', headers: secretary, payload: { processKey: 'pattern_gateway', variables: { code: 'a'.repeat(20_000), unit: 'a' } } });
    const incidents = await app.inject({ method: 'GET', url: `/api/incidents?instanceId=${started.json().id}&status=open`, headers: secretary });

    // then
    expect(incidents.json().items).toMatchObject([{ elementId: 'Gateway_Format', message: expect.stringContaining('10000') }]);
  });
});

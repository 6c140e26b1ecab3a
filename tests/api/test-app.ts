import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../runtime/app.js';
import { loadConfig, type AppConfig } from '../../runtime/config.js';
import { unavailableWorkflowService } from '../../runtime/plugins/unavailable-workflow-service.js';
import type { WorkflowService } from '../../runtime/services/workflow-service.js';

/** A config for tests: temp data dir, no designer build, overridable by environment-style values. */
export function testConfig(env: Record<string, string> = {}): AppConfig {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-api-'));
  return loadConfig({ DATA_DIR: dataDir, DESIGNER_DIST: path.join(dataDir, 'no-designer'), LOG_LEVEL: 'silent', ...env });
}

/**
 * A service whose every method answers 503 unless the test provides it: tests of the HTTP layer
 * (shapes, errors, mapping) that do not need a database.
 */
export function fakeService(overrides: Partial<WorkflowService> = {}): WorkflowService {
  return { ...unavailableWorkflowService('fake service'), ...overrides };
}

export async function buildTestApp(options: { service?: WorkflowService; env?: Record<string, string> } = {}): Promise<FastifyInstance> {
  return buildApp({ config: testConfig(options.env), service: options.service ?? fakeService(), logger: false });
}

/** Headers of a signed-in dev user. */
export function as(userId: string, groups: string[] = [], community = 'demo'): Record<string, string> {
  return { 'x-user': userId, 'x-community': community, 'x-groups': groups.join(',') };
}

/** A multipart/form-data body as a browser would send it (fields first, then the file). */
export function multipart(
  fields: Record<string, string>,
  file: { name: string; field?: string; type: string; content: Buffer | string } | null,
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----linli${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file !== null) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

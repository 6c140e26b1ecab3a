import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRealApp } from '../api/real-app.js';
import { as, multipart } from '../api/test-app.js';

const fixture = readFileSync(new URL('./fixtures/resilience-case.bpmn', import.meta.url), 'utf8');
const png = (bytes: number): Buffer => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(bytes - 8, 1)]);

/** A 256 kB tmpfs as the attachment folder (needs root, as in CI; skipped with a message otherwise). */
const mountDir = mkdtempSync(path.join(tmpdir(), 'linli-full-'));
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mountDir], { stdio: 'ignore' });
  mounted = true;
} catch {
  process.stderr.write('disk-full test skipped: cannot mount a small tmpfs (needs root)\n');
}

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((name) => statSync(path.join(root, name)).isFile());
}

describe.skipIf(!mounted)('disk full on the attachment folder', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let instanceId = '';
  const clerk = as('li', ['rc']);

  beforeAll(async () => {
    ({ app, close } = await buildRealApp({ DATA_DIR: mountDir, UPLOAD_LIMIT: '2mb' }));
    const deployed = await app.inject({ method: 'POST', url: '/api/definitions', headers: clerk, payload: { kind: 'bpmn', content: fixture } });
    expect(deployed.statusCode).toBe(201);
    instanceId = (await app.inject({ method: 'POST', url: '/api/instances', headers: clerk, payload: { processKey: 'resilience_case', variables: {} } })).json().id;
  });

  afterAll(async () => {
    await close?.();
    if (mounted) execFileSync('umount', [mountDir]);
    rmSync(mountDir, { recursive: true, force: true });
  });

  const upload = (bytes: number) => {
    const body = multipart({}, { name: `photo-${bytes}.png`, type: 'image/png', content: png(bytes) });
    return app.inject({ method: 'POST', url: `/api/instances/${instanceId}/attachments`, headers: { ...clerk, ...body.headers }, payload: body.payload });
  };

  it('should keep no row and no partial file of an upload that does not fit, and accept one that fits', async () => {
    // given a folder with 256 kB of room
    // when a 1 MB photo is uploaded
    const tooBig = await upload(1024 * 1024);
    const list = await app.inject({ method: 'GET', url: `/api/instances/${instanceId}/attachments`, headers: clerk });

    // then it is refused, nothing is listed, nothing is left on disk
    expect(tooBig.statusCode).toBeGreaterThanOrEqual(400);
    expect(list.json().items).toEqual([]);
    expect(filesUnder(path.join(mountDir, 'attachments'))).toEqual([]);

    // and a small photo still fits afterwards
    const small = await upload(16 * 1024);
    expect(small.statusCode).toBe(201);
  });

it('should say that the storage is full instead of answering 500', async () => {
    // given a folder with 256 kB of room
    // when a 1 MB photo is uploaded
    const tooBig = await upload(1024 * 1024);

    // then
    expect(tooBig.statusCode).toBe(507);
    expect(tooBig.json().message).toMatch(/空间|space/i);
  });
});

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRealApp } from '../api/real-app.js';
import { as, multipart } from '../api/test-app.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('fake image body')]);

/** Every file under a folder, relative to it. */
function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((name) => statSync(path.join(root, name)).isFile());
}

/**
 * Sends the headers and then body chunks over a raw socket until the server answers or
 * `maxBytes` are sent; returns the status line and how many body bytes had gone out by then.
 */
function uploadUntilAnswered(port: number, head: string, chunk: Buffer, maxBytes: number): Promise<{ statusLine: string; sentBytes: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let sent = 0;
    let answer = '';
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ statusLine: answer.split('\r\n')[0] ?? '', sentBytes: sent });
    };
    socket.on('data', (data) => {
      answer += data.toString('latin1');
      if (answer.includes('\r\n\r\n')) finish();
    });
    // The server may close the connection once it has answered (EPIPE/ECONNRESET on our side): the answer counts.
    socket.on('error', (error) => (done ? undefined : answer === '' && sent === 0 ? reject(error) : setTimeout(finish, 50)));
    socket.on('close', finish);
    socket.write(head);
    const pump = (): void => {
      if (done) return;
      if (sent >= maxBytes) {
        // stop sending; a server still waiting for the rest gets 2 s more, then the test gives up on it
        setTimeout(finish, 2000).unref();
        return;
      }
      sent += chunk.length;
      socket.write(chunk, (error) => (error ? undefined : setTimeout(pump, 1)));
    };
    pump();
  });
}

describe('hostile HTTP input', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let port = 0;
  let instanceId = '';
  const secretary = as('secretary', ['rc']);
  const clerk = as('li', ['rc']);

  beforeAll(async () => {
    ({ app, close } = await buildRealApp({ UPLOAD_LIMIT: '64kb', BODY_LIMIT: '256kb' }));
    await app.inject({ method: 'POST', url: '/api/definitions', headers: secretary, payload: { kind: 'form', content: JSON.parse(fixture('complaint-register.form.json')) } });
    const deployed = await app.inject({ method: 'POST', url: '/api/definitions', headers: secretary, payload: { kind: 'bpmn', content: fixture('complaint-intake.bpmn') } });
    expect(deployed.statusCode).toBe(201);
    const started = await app.inject({ method: 'POST', url: '/api/instances', headers: as('resident', ['resident']), payload: { processKey: 'complaint_intake', variables: { category: 'repair', description: '楼道灯坏了' } } });
    instanceId = started.json().id;
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port; // listening on TCP, so the address is an object
  });

  afterAll(async () => {
    await close();
  });

  it.each([
    ['billion laughs', '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p" name="&c;"/></bpmn:definitions>'],
    ['external entity', '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p" name="&x;"/></bpmn:definitions>'],
  ])('should refuse a BPMN upload with a %s and store nothing', async (_name, xml) => {
    // given
    const upload = multipart({}, { name: 'bomb.bpmn', type: 'application/octet-stream', content: xml });

    // when
    const response = await app.inject({ method: 'POST', url: '/api/definitions/upload', headers: { ...secretary, ...upload.headers }, payload: upload.payload });
    const listed = await app.inject({ method: 'GET', url: '/api/definitions?kind=bpmn', headers: secretary });

    // then
    expect(response.statusCode).toBe(422);
    expect(response.body).not.toContain('root:');
    expect(listed.json().items.map((d: { key: string }) => d.key)).toEqual(['complaint_intake']);
  });

  function oversizeHead(total: number): string {
    const preamble = `--h14boundary\r\nContent-Disposition: form-data; name="file"; filename="huge.png"\r\nContent-Type: image/png\r\n\r\n`;
    return `POST /api/instances/${instanceId}/attachments HTTP/1.1\r\nHost: 127.0.0.1\r\nx-user: li\r\nx-community: demo\r\nx-groups: rc\r\ncontent-type: multipart/form-data; boundary=h14boundary\r\ncontent-length: ${total}\r\n\r\n${preamble}`;
  }
  const chunk = Buffer.concat([png, Buffer.alloc(64 * 1024 - png.length, 7)]);

  it('should refuse an upload over the limit with 413 and keep no bytes of it', async () => {
    // given a 2 MB upload (against a 64 kB limit) that the client sends completely
    const body = Buffer.concat([...Array.from({ length: 32 }, () => chunk), Buffer.from('\r\n--h14boundary--\r\n')]);
    const head = oversizeHead(Buffer.byteLength(oversizeHead(0).split('\r\n\r\n').slice(1).join('\r\n\r\n')) + body.length);

    // when
    const { statusLine } = await uploadUntilAnswered(port, head, body, body.length);
    const list = await app.inject({ method: 'GET', url: `/api/instances/${instanceId}/attachments`, headers: clerk });

    // then
    expect(statusLine).toContain('413');
    expect(list.json().items.filter((a: { fileName: string }) => a.fileName === 'huge.png')).toEqual([]);
    expect(filesUnder(path.join(app.config.dataDir, 'attachments')).filter((name) => !name.startsWith('tmp')).length).toBe(0);
  });

  it('should refuse an upload announced over the limit before the client has sent it all', async () => {
    // given an upload that announces 50 MB against a 64 kB limit
    // when the client streams it (at most 4 MB)
    const { statusLine, sentBytes } = await uploadUntilAnswered(port, oversizeHead(50 * 1024 * 1024), chunk, 4 * 1024 * 1024);

    // then the server answered before the client finished
    expect(statusLine).toContain('413');
    expect(sentBytes).toBeLessThan(4 * 1024 * 1024);
  });

  it('should answer an announced oversize upload with the error body naming the limit', async () => {
    // given a multipart body over the allowance (BODY_LIMIT 256 kB + multipart room)
    const upload = multipart({}, { name: 'big.png', type: 'image/png', content: Buffer.concat([png, Buffer.alloc(400 * 1024, 1)]) });

    // when
    const response = await app.inject({ method: 'POST', url: `/api/instances/${instanceId}/attachments`, headers: { ...clerk, ...upload.headers }, payload: upload.payload });

    // then
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'WF_PAYLOAD_TOO_LARGE', details: { contentLength: upload.payload.length, limit: 320 * 1024 } });
  });

  it('should stop a chunked upload over the limit while it streams, keeping no file and no row', async () => {
    // given an upload without Content-Length (chunked), far over the 64 kB file limit
    const head = oversizeHead(0).replace(/content-length: 0\r\n/, 'transfer-encoding: chunked\r\n');
    const headers = head.slice(0, head.indexOf('\r\n\r\n'));
    const preamble = head.slice(headers.length + 4);
    const frame = (data: Buffer): Buffer => Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]);

    // when the client streams it (at most 4 MB)
    const { statusLine, sentBytes } = await uploadUntilAnswered(port, `${headers}\r\n\r\n${frame(Buffer.from(preamble)).toString('latin1')}`, frame(chunk), 4 * 1024 * 1024);
    const list = await app.inject({ method: 'GET', url: `/api/instances/${instanceId}/attachments`, headers: clerk });

    // then the file limit cut it short: 413 before the end, nothing on disk, no attachment row
    expect(statusLine).toContain('413');
    expect(sentBytes).toBeLessThan(4 * 1024 * 1024);
    expect(list.json().items.filter((a: { fileName: string }) => a.fileName === 'huge.png')).toEqual([]);
    expect(filesUnder(path.join(app.config.dataDir, 'attachments'))).toEqual([]);
  });

  it('should stop a chunked definition upload over the limit while it streams', async () => {
    // given a .bpmn upload without Content-Length, far over the 256 kB body limit that deployments take
    const preamble = `--h14boundary\r\nContent-Disposition: form-data; name="file"; filename="huge.bpmn"\r\nContent-Type: application/xml\r\n\r\n<?xml version="1.0"?>`;
    const headers = `POST /api/definitions/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nx-user: li\r\nx-community: demo\r\nx-groups: rc\r\ncontent-type: multipart/form-data; boundary=h14boundary\r\ntransfer-encoding: chunked`;
    const frame = (data: Buffer): Buffer => Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]);
    const comment = Buffer.from(`<!--${'x'.repeat(64 * 1024 - 7)}-->`);

    // when the client streams it (at most 4 MB)
    const { statusLine, sentBytes } = await uploadUntilAnswered(port, `${headers}\r\n\r\n${frame(Buffer.from(preamble)).toString('latin1')}`, frame(comment), 4 * 1024 * 1024);

    // then the upload was cut at the limit, not read to its end
    expect(statusLine).toContain('413');
    expect(sentBytes).toBeLessThan(4 * 1024 * 1024);
  });

  it('should refuse a JSON body announced over the limit without reading it', async () => {
    // given a JSON request announcing 100 MB
    const head = `POST /api/instances HTTP/1.1\r\nHost: 127.0.0.1\r\nx-user: li\r\nx-community: demo\r\ncontent-type: application/json\r\ncontent-length: ${100 * 1024 * 1024}\r\n\r\n{"processKey":"`;

    // when only the headers have been sent
    const { statusLine } = await uploadUntilAnswered(port, head, Buffer.alloc(0), 0);

    // then the server has already answered
    expect(statusLine).toContain('413');
  });

  it('should stop a chunked JSON body over the limit while it streams', async () => {
    // given a JSON request without Content-Length, far over the 256 kB body limit
    const head = `POST /api/instances HTTP/1.1\r\nHost: 127.0.0.1\r\nx-user: li\r\nx-community: demo\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n`;
    const piece = Buffer.alloc(64 * 1024, 0x20);
    const frame = Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]);

    // when the client streams it (at most 4 MB)
    const { statusLine, sentBytes } = await uploadUntilAnswered(port, `${head}1\r\n[\r\n`, frame, 4 * 1024 * 1024);

    // then
    expect(statusLine).toContain('413');
    expect(sentBytes).toBeLessThan(4 * 1024 * 1024);
  });

  it.each(['../../../../../../tmp/h14-traversal.png', '..\\..\\..\\h14-traversal.png', '/etc/h14-traversal.png', '%2e%2e%2fh14-traversal.png', 'C:\\Windows\\h14-traversal.png', '....//....//h14-traversal.png'])(
    'should store an attachment named %s inside the data folder under its hash, keeping only a plain name',
    async (name) => {
      // given
      const content = Buffer.concat([png, Buffer.from(name)]);
      const upload = multipart({}, { name, type: 'image/png', content });

      // when
      const created = await app.inject({ method: 'POST', url: `/api/instances/${instanceId}/attachments`, headers: { ...clerk, ...upload.headers }, payload: upload.payload });
      const download = await app.inject({ method: 'GET', url: `/api/attachments/${created.json().id}/content`, headers: clerk });

      // then
      expect(created.statusCode).toBe(201);
      expect(created.json().fileName).not.toMatch(/[\\/]/);
      expect(existsSync('/tmp/h14-traversal.png')).toBe(false);
      expect(filesUnder(path.join(app.config.dataDir, 'attachments')).every((file) => /^[0-9a-f]{2}[\\/][0-9a-f]{64}$/.test(file) || file.startsWith('tmp'))).toBe(true);
      expect(download.rawPayload.equals(content)).toBe(true);
      expect(download.headers['content-disposition']).not.toMatch(/\.\.[\\/]/);
    },
  );

  it.each(['%2e%2e%2f%2e%2e%2fpackage.json', '..%2F..%2Fpackage.json', '....%2F%2Fpackage.json'])('should not serve files outside the data folder for an attachment id %s', async (id) => {
    // given a traversal attempt in the id
    // when
    const response = await app.inject({ method: 'GET', url: `/api/attachments/${id}/content`, headers: clerk });

    // then
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.body).not.toContain('"name": "linli-flow"');
  });

  it('should send the downloaded attachment with nosniff and a sandboxing CSP', async () => {
    // given
    const upload = multipart({}, { name: 'x.png', type: 'image/png', content: Buffer.concat([png, Buffer.from('csp')]) });
    const created = await app.inject({ method: 'POST', url: `/api/instances/${instanceId}/attachments`, headers: { ...clerk, ...upload.headers }, payload: upload.payload });

    // when
    const download = await app.inject({ method: 'GET', url: `/api/attachments/${created.json().id}/content`, headers: clerk });

    // then
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-security-policy']).toContain('sandbox');
  });

  it.each(['/api/health', '/', '/api/definitions'])('should send security headers and a Content-Security-Policy on %s', async (url) => {
    // given
    // when
    const response = await app.inject({ method: 'GET', url, headers: clerk });

    // then
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options'] ?? '').toMatch(/DENY|SAMEORIGIN/);
    expect(response.headers['referrer-policy']).toBeDefined();
    const csp = String(response.headers['content-security-policy'] ?? '');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("'unsafe-eval'");
  });
});

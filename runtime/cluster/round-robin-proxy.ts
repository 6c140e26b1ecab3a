import http from 'node:http';
import net from 'node:net';

/**
 * A tiny round-robin HTTP and WebSocket proxy for a local trial of several nodes behind one
 * port (`npm run cluster`). Production puts nginx or any load balancer in front instead. A
 * backend that refuses the connection is skipped for the next one; the client sees 502 only
 * when every node refuses.
 */
export function createRoundRobinProxy(backends: readonly { host: string; port: number }[]): http.Server {
  let next = 0;
  const pick = (): { host: string; port: number } => {
    const backend = backends[next++ % backends.length];
    if (backend === undefined) throw new Error('no backends');
    return backend;
  };

  const server = http.createServer((request, response) => {
    const forward = (attempt: number): void => {
      const backend = pick();
      const upstream = http.request(
        { host: backend.host, port: backend.port, method: request.method, path: request.url, headers: { ...request.headers, 'x-forwarded-for': request.socket.remoteAddress ?? '' } },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        // only a refused connection is retried elsewhere: the request body has not been consumed then
        if (error.code === 'ECONNREFUSED' && attempt + 1 < backends.length && !response.headersSent) return forward(attempt + 1);
        if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ code: 'WF_BAD_GATEWAY', message: '节点不可用 / no node answered' }));
      });
      request.pipe(upstream);
    };
    forward(0);
  });

  server.on('upgrade', (request, socket, head) => {
    const backend = pick();
    const upstream = net.connect(backend.port, backend.host, () => {
      const lines = [`${request.method ?? 'GET'} ${request.url ?? '/'} HTTP/${request.httpVersion}`];
      for (let i = 0; i < request.rawHeaders.length; i += 2) lines.push(`${request.rawHeaders[i] ?? ''}: ${request.rawHeaders[i + 1] ?? ''}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    const close = (): void => {
      upstream.destroy();
      socket.destroy();
    };
    upstream.on('error', close);
    socket.on('error', close);
  });
  return server;
}

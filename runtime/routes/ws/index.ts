import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RawData } from 'ws';
import { WsQuerySchema, type WsServerMessage } from '../../schemas/ws-messages.js';

/**
 * `GET /api/ws`: live notifications after commit (task created/assigned/completed, instance
 * changed, incident, notification), filtered to what the connected person may see.
 * Identity is `request.identity`, as for every route: the session with issue 5's plugin; with
 * the development stand-in, headers or `?user=&community=&groups=` (browsers cannot set headers
 * on a WebSocket). A socket ends with its session: close code 4401 at sign-out, password change
 * or reset, revocation or expiry; 4403 when the person's roles or community change (reconnect).
 */
const heartbeatMs = 30_000;

const wsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '',
    {
      websocket: true,
      schema: { tags: ['notifications'], summary: '实时通知（WebSocket）/ live notifications (WebSocket)', querystring: WsQuerySchema },
    },
    (socket, request) => {
      const identity = request.identity;
      // With issue 5's identity the socket closes when its session ends (4401) or its roles change (4403);
      // the development stand-in has no sessions to watch.
      const watch = request.watchSocket?.((code, reason) => socket.close(code, reason)) ?? null;
      const send = (message: WsServerMessage): void => {
        if (watch !== null && !watch.current()) return; // expired: closed, nothing more goes out
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
      };
      const leaveHub = app.eventHub.join({ identity, send });
      // Proxies drop idle connections and dead peers never say goodbye: ping, and drop the silent.
      let alive = true;
      socket.on('pong', () => {
        alive = true;
      });
      const heartbeat = setInterval(() => {
        if (!alive) socket.terminate();
        alive = false;
        socket.ping();
      }, heartbeatMs);
      heartbeat.unref();
      const leave = (): void => {
        clearInterval(heartbeat);
        leaveHub();
        watch?.release();
      };
      socket.on('close', leave);
      socket.on('error', leave);
      socket.on('message', (data: RawData) => {
        if (isPing(data)) send({ type: 'pong' });
        else send({ type: 'error', code: 'WF_BAD_REQUEST', message: '只支持 {"type":"ping"} / only {"type":"ping"} is accepted' });
      });
      send({ type: 'hello', userId: identity.userId, community: identity.community });
    },
  );
};

function isPing(data: RawData): boolean {
  try {
    const parsed: unknown = JSON.parse(data.toString());
    // only the exact message {"type":"ping"} counts (the cast reads one field of parsed JSON)
    return typeof parsed === 'object' && parsed !== null && (parsed as { type?: unknown }).type === 'ping' && Object.keys(parsed).length === 1;
  } catch {
    return false;
  }
}

export default wsRoutes;

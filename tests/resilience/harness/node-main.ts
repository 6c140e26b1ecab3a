import { mkdirSync } from 'node:fs';
import { startNode } from '../../../runtime/cluster/start-node.js';
import { loadConfig } from '../../../runtime/config.js';

/**
 * One runtime node for the resilience tests and the runtime benchmark: exactly what `npm start`
 * runs (`startNode`: the SQLite folder claimed, or the PostgreSQL fan-out joined; the job
 * executor on) but with the development identity, listening on `NODE_PORT` (0 = any free port).
 * Prints one JSON line `{"ready":true,"port":…}` when it serves. Unlike `npm start` it deploys no
 * templates and accepts port 0. `JOB_LOCK_TIMEOUT_MS` shortens how long its executor holds a
 * timer it took (crash tests: a dead node's locks expire soon).
 */
const config = loadConfig({ ...process.env, PORT: '3000', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' });
mkdirSync(config.dataDir, { recursive: true });
const node = await startNode({
  config,
  identity: 'development',
  ...(process.env.NODE_ID ? { nodeId: process.env.NODE_ID } : {}),
  ...(process.env.JOB_LOCK_TIMEOUT_MS ? { jobLockTimeoutMs: Number(process.env.JOB_LOCK_TIMEOUT_MS) } : {}),
});
const shutdown = (): void => {
  void node.close().finally(() => process.exit(0));
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
await node.app.listen({ port: Number(process.env.NODE_PORT ?? 0), host: '127.0.0.1' });
const address = node.app.server.address();
process.stdout.write(`${JSON.stringify({ ready: true, port: typeof address === 'object' && address !== null ? address.port : 0, pid: process.pid })}\n`);

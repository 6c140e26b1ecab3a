import { mkdirSync } from 'node:fs';
import { buildApp } from '../../../runtime/app.js';
import { loadConfig } from '../../../runtime/config.js';
import { startPostgresFanout } from '../../../runtime/cluster/postgres-fanout.js';
import { openWorkflowService } from '../../../runtime/services/create-workflow-service.js';

/**
 * One runtime node for the resilience tests and the runtime benchmark: the real app and the
 * real workflow service (job executor on) with the development identity, listening on
 * `NODE_PORT` (0 = any free port). Prints one JSON line `{"ready":true,"port":…}` when it
 * serves. Unlike `npm start` it deploys no templates and accepts port 0. `JOB_LOCK_TIMEOUT_MS`
 * shortens how long its executor holds a timer it took (crash tests: a dead node's locks expire soon).
 */
const config = loadConfig({ ...process.env, PORT: '3000', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' });
mkdirSync(config.dataDir, { recursive: true });
const service = await openWorkflowService({
  ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
  dataDir: config.dataDir,
  webhookAllowList: config.webhookAllowList,
  ...(process.env.NODE_ID ? { nodeId: process.env.NODE_ID } : {}),
  ...(process.env.JOB_LOCK_TIMEOUT_MS ? { jobLockTimeoutMs: Number(process.env.JOB_LOCK_TIMEOUT_MS) } : {}),
});
// several nodes on PostgreSQL: LISTEN/NOTIFY carries each node's after-commit events to the others
const fanout = config.databaseUrl
  ? await startPostgresFanout({ databaseUrl: config.databaseUrl, nodeId: process.env.NODE_ID ?? String(process.pid), onCommitted: (listener) => service.onCommitted(listener), deliver: (events) => service.events.emit(events) })
  : null;
const app = await buildApp({ config, service });
const shutdown = (): void => {
  void app
    .close()
    .then(() => fanout?.stop())
    .then(() => service.close())
    .finally(() => process.exit(0));
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
await app.listen({ port: Number(process.env.NODE_PORT ?? 0), host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`${JSON.stringify({ ready: true, port: typeof address === 'object' && address !== null ? address.port : 0, pid: process.pid })}\n`);

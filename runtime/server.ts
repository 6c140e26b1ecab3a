import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseOpenError, startNode, type StartedNode } from './cluster/start-node.js';
import { SecondSqliteNodeError } from './cluster/single-node-lock.js';
import { ConfigError, loadConfig, type AppConfig } from './config.js';
import { deployTemplates } from './deploy-templates.js';
import { deployMonthlyReport } from './stats/deploy-monthly-report.js';
import { designerDist, ensureDesignerBuilt } from '../designer/build-if-stale.js';

/**
 * `npm start` (and every node of `npm run cluster`): reads the configuration, starts the node
 * (SQLite data directory claimed for this one process, or the PostgreSQL fan-out joined;
 * database, migrations, job executor, identity seeded on first start), deploys the shipped
 * templates, listens, and shuts down cleanly on SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) abort(error.message);
    throw error;
  }
  try {
    await mkdir(config.dataDir, { recursive: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    abort(`配置错误 DATA_DIR: 无法创建数据目录 ${config.dataDir} / cannot create the data directory: ${reason}`);
  }

  let node: StartedNode;
  try {
    node = await startNode({ config, identity: 'accounts', beforeApp: () => buildDesigner(config) });
  } catch (error) {
    if (error instanceof SecondSqliteNodeError || error instanceof DatabaseOpenError) abort(error.message);
    throw error;
  }
  const { app, service } = node;
  await deployTemplates(service, config.definitionsDir, app.log);
  await deployMonthlyReport(service, app.log);

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, '正在关闭 / shutting down');
    const forceExit = setTimeout(() => process.exit(1), 10_000);
    forceExit.unref();
    void node.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    app.log.fatal({ err: error }, `无法监听 ${config.host}:${config.port} / cannot listen on ${config.host}:${config.port}`);
    await node.close();
    process.exit(1);
  }
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  app.log.info(`邻里流程已启动 / Linli Flow is running: http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${config.port}/ (API 文档 / docs: /api/docs)`);
}

/** The designer is built on first start (and after its sources change): about a minute. A DESIGNER_DIST elsewhere is the operator's own build. */
function buildDesigner(config: AppConfig): void {
  if (path.resolve(config.designerDist) !== path.resolve(designerDist)) return;
  try {
    ensureDesignerBuilt();
  } catch (error) {
    process.stderr.write(`设计器构建失败，仅提供 API / the designer could not be built; serving the API only: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

/** Start-up cannot go on: says why on stderr and exits non-zero. */
function abort(message: string): never {
  process.stderr.write(`${message}\n启动中止 / start-up aborted.\n`);
  process.exit(1);
}

void main();

import { mkdir } from 'node:fs/promises';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type AppConfig } from './config.js';
import { deployTemplates } from './deploy-templates.js';
import { ensureDesignerBuilt } from '../designer/build-if-stale.js';
import { IdentityService } from './identity/identity-service.js';
import { installIdentity } from './identity/install-identity.js';
import { seedIdentity } from './identity/seed.js';
import { openWorkflowService } from './services/create-workflow-service.js';
import type { SqlWorkflowService } from './services/sql-workflow-service.js';

/**
 * `npm start`: reads the configuration, opens the workflow service (database, migrations, job
 * executor) and identity (seeded on first start), deploys the shipped templates, listens, and
 * shuts down cleanly on SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n启动中止 / start-up aborted.\n`);
      process.exit(1);
    }
    throw error;
  }
  try {
    await mkdir(config.dataDir, { recursive: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`配置错误 DATA_DIR: 无法创建数据目录 ${config.dataDir} / cannot create the data directory: ${reason}\n启动中止 / start-up aborted.\n`);
    process.exit(1);
  }

  let service: SqlWorkflowService;
  try {
    service = await openWorkflowService({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      webhookAllowList: config.webhookAllowList,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `无法打开数据库 / cannot open the database (${describeDatabase(config)}): ${reason}\n` +
        `请检查 ${config.databaseKind === 'postgresql' ? 'DATABASE_URL' : 'DATA_DIR'} / check ${config.databaseKind === 'postgresql' ? 'DATABASE_URL' : 'DATA_DIR'}.\n启动中止 / start-up aborted.\n`,
    );
    process.exit(1);
  }

  try {
    // The designer is built on first start (and after its sources change): about a minute.
    ensureDesignerBuilt();
  } catch (error) {
    process.stderr.write(`设计器构建失败，仅提供 API / the designer could not be built; serving the API only: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  const identity = new IdentityService({ db: service.db });
  // First start only: creates the sub-district admin and the demo community's users and prints their one-time passwords once.
  await seedIdentity(identity);
  const app = await buildApp({ config, service, identity: installIdentity(identity) });
  await deployTemplates(service, config.definitionsDir, app.log);

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, '正在关闭 / shutting down');
    const forceExit = setTimeout(() => process.exit(1), 10_000);
    forceExit.unref();
    void (async () => {
      try {
        await app.close();
        await service.close();
        process.exit(0);
      } catch (error) {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      }
    })();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    app.log.fatal({ err: error }, `无法监听 ${config.host}:${config.port} / cannot listen on ${config.host}:${config.port}`);
    await service.close();
    process.exit(1);
  }
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  app.log.info(`邻里流程已启动 / Linli Flow is running: http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${config.port}/ (API 文档 / docs: /api/docs)`);
}

/** Where the data lives, without the password. */
function describeDatabase(config: AppConfig): string {
  if (config.databaseUrl === undefined) return `SQLite ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  url.password = url.password === '' ? '' : '***';
  return url.toString();
}

void main();

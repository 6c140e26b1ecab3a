import path from 'node:path';

/**
 * The runtime's settings, read once from environment variables at start-up.
 * Every variable is listed in `configVariables` (the README's table is generated from the same
 * words), and a bad value stops start-up with a message naming the variable.
 */
export interface AppConfig {
  readonly port: number;
  readonly host: string;
  /** Absolute path of the data directory (SQLite file, attachments, archives). */
  readonly dataDir: string;
  /** `postgres://…`, or undefined for the SQLite file `linli.db` inside `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly databaseKind: 'sqlite' | 'postgresql';
  readonly logLevel: LogLevel;
  /** Largest JSON/XML request body in bytes. */
  readonly bodyLimit: number;
  /** Largest single uploaded attachment in bytes. */
  readonly uploadLimit: number;
  /** MIME types accepted as attachments. */
  readonly uploadTypes: readonly string[];
  /** URL prefixes (scheme + host [+ path]) the webhook connector may call; empty = none. */
  readonly webhookAllowList: readonly string[];
  /** Longest a job worker's activate request may wait for work, in milliseconds. */
  readonly jobLongPollMaxMs: number;
  /** Where the designer's built assets live; served at `/` when the folder exists. */
  readonly designerDist: string;
  /** Folder of shipped `*.bpmn` / `*.form.json` templates deployed at start-up. */
  readonly definitionsDir: string;
  /** Whether to trust `X-Forwarded-*` headers (behind a reverse proxy). */
  readonly trustProxy: boolean;
}

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** One documented environment variable: name, default, meaning (Chinese / English). */
export interface ConfigVariable {
  readonly name: string;
  readonly defaultValue: string;
  readonly description: string;
}

export const configVariables: readonly ConfigVariable[] = [
  { name: 'PORT', defaultValue: '3000', description: '监听端口 / TCP port to listen on (1–65535)' },
  {
    name: 'HOST',
    defaultValue: '127.0.0.1',
    description: '监听地址；局域网访问请设为 0.0.0.0 / interface to bind; set 0.0.0.0 to serve the local network',
  },
  { name: 'DATA_DIR', defaultValue: 'data/', description: '数据目录（SQLite 文件、附件、归档）/ data directory (SQLite file, attachments, archives)' },
  {
    name: 'DATABASE_URL',
    defaultValue: '(empty: SQLite file <DATA_DIR>/linli.db)',
    description: 'PostgreSQL 连接串 postgres://…；留空则用 SQLite / postgres://… to use PostgreSQL; empty for SQLite',
  },
  { name: 'LOG_LEVEL', defaultValue: 'info', description: `日志级别 / pino log level: ${logLevels.join(', ')}` },
  { name: 'BODY_LIMIT', defaultValue: '1mb', description: '请求体上限（字节，可带 kb/mb）/ largest request body (bytes, or with kb/mb)' },
  { name: 'UPLOAD_LIMIT', defaultValue: '10mb', description: '单个附件上限 / largest single attachment' },
  {
    name: 'UPLOAD_TYPES',
    defaultValue: 'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,…(Office)',
    description: '允许的附件类型（逗号分隔 MIME）/ accepted attachment MIME types, comma-separated',
  },
  {
    name: 'WEBHOOK_ALLOW_LIST',
    defaultValue: '(empty: no webhooks)',
    description: 'Webhook 允许的 URL 前缀（逗号分隔）/ URL prefixes the webhook connector may call, comma-separated',
  },
  { name: 'JOB_LONG_POLL_MAX_MS', defaultValue: '30000', description: '任务拉取最长等待毫秒 / longest job-activation long poll in ms (0–300000)' },
  { name: 'DESIGNER_DIST', defaultValue: 'designer/dist', description: '设计器构建产物目录 / folder of the designer build served at /' },
  { name: 'DEFINITIONS_DIR', defaultValue: 'definitions', description: '启动时部署的模板目录 / templates deployed at start-up' },
  { name: 'TRUST_PROXY', defaultValue: 'false', description: '位于反向代理之后时设为 true / true when behind a reverse proxy' },
];

const defaultUploadTypes = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

/** One bad setting: the variable and what is wrong with it. */
export interface ConfigProblem {
  readonly variable: string;
  readonly message: string;
}

/** Start-up stops with this; the message names every bad variable. */
export class ConfigError extends Error {
  readonly code = 'WF_CONFIG';
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map((p) => `配置错误 ${p.variable}: ${p.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

/**
 * Reads the configuration from `env` (process.env by default), resolving relative paths
 * against `cwd`. Throws `ConfigError` listing every bad variable, not only the first.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env, cwd: string = process.cwd()): AppConfig {
  const problems: ConfigProblem[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const fail = (variable: string, message: string): void => {
    problems.push({ variable, message });
  };

  const port = readInteger(read('PORT'), 3000, 1, 65535, () => fail('PORT', '必须是 1–65535 的整数 / PORT must be an integer 1–65535'));

  const host = read('HOST') ?? '127.0.0.1';
  if (!/^[A-Za-z0-9.:\-[\]]+$/.test(host)) fail('HOST', '不是有效的主机名或 IP 地址 / HOST must be a host name or IP address');

  const dataDir = path.resolve(cwd, read('DATA_DIR') ?? 'data');

  const rawDatabaseUrl = read('DATABASE_URL');
  let databaseUrl: string | undefined;
  let databaseKind: AppConfig['databaseKind'] = 'sqlite';
  if (rawDatabaseUrl !== undefined) {
    if (/^postgres(ql)?:\/\/./.test(rawDatabaseUrl) && URL.canParse(rawDatabaseUrl)) {
      databaseUrl = rawDatabaseUrl;
      databaseKind = 'postgresql';
    } else {
      fail('DATABASE_URL', '必须是 postgres://用户:密码@主机:端口/库名，或留空使用 SQLite / DATABASE_URL must be postgres://user:password@host:port/db, or empty for SQLite');
    }
  }

  const rawLogLevel = read('LOG_LEVEL') ?? 'info';
  const logLevel = logLevels.find((level) => level === rawLogLevel.toLowerCase());
  if (logLevel === undefined) fail('LOG_LEVEL', `必须是 ${logLevels.join('、')} 之一 / LOG_LEVEL must be one of ${logLevels.join(', ')}`);

  const bodyLimit = readSize(read('BODY_LIMIT'), 1024 * 1024, () =>
    fail('BODY_LIMIT', '必须是 1kb–100mb 之间的大小，如 1048576、512kb、2mb / BODY_LIMIT must be a size between 1kb and 100mb, e.g. 1048576, 512kb, 2mb'),
  );
  const uploadLimit = readSize(read('UPLOAD_LIMIT'), 10 * 1024 * 1024, () =>
    fail('UPLOAD_LIMIT', '必须是 1kb–100mb 之间的大小，如 10mb / UPLOAD_LIMIT must be a size between 1kb and 100mb, e.g. 10mb'),
  );

  const rawUploadTypes = read('UPLOAD_TYPES');
  const uploadTypes = rawUploadTypes === undefined ? defaultUploadTypes : splitList(rawUploadTypes).map((t) => t.toLowerCase());
  const badType = uploadTypes.find((t) => !/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(t));
  if (badType !== undefined || uploadTypes.length === 0) {
    fail('UPLOAD_TYPES', `"${badType ?? ''}" 不是 MIME 类型（如 image/png）/ UPLOAD_TYPES must list MIME types such as image/png`);
  }

  const webhookAllowList = splitList(read('WEBHOOK_ALLOW_LIST') ?? '');
  for (const prefix of webhookAllowList) {
    if (!isHttpUrl(prefix)) fail('WEBHOOK_ALLOW_LIST', `"${prefix}" 不是 http(s) URL 前缀 / "${prefix}" is not an http(s) URL prefix`);
  }

  const jobLongPollMaxMs = readInteger(read('JOB_LONG_POLL_MAX_MS'), 30_000, 0, 300_000, () =>
    fail('JOB_LONG_POLL_MAX_MS', '必须是 0–300000 的整数（毫秒）/ JOB_LONG_POLL_MAX_MS must be an integer 0–300000 (ms)'),
  );

  const designerDist = path.resolve(cwd, read('DESIGNER_DIST') ?? path.join('designer', 'dist'));
  const definitionsDir = path.resolve(cwd, read('DEFINITIONS_DIR') ?? 'definitions');

  const rawTrustProxy = (read('TRUST_PROXY') ?? 'false').toLowerCase();
  const trustProxy = ['true', '1', 'yes'].includes(rawTrustProxy);
  if (!trustProxy && !['false', '0', 'no'].includes(rawTrustProxy)) {
    fail('TRUST_PROXY', '必须是 true 或 false / TRUST_PROXY must be true or false');
  }

  if (problems.length > 0 || logLevel === undefined) throw new ConfigError(problems);
  return {
    port,
    host,
    dataDir,
    databaseUrl,
    databaseKind,
    logLevel,
    bodyLimit,
    uploadLimit,
    uploadTypes,
    webhookAllowList,
    jobLongPollMaxMs,
    designerDist,
    definitionsDir,
    trustProxy,
  };
}

function readInteger(raw: string | undefined, fallback: number, min: number, max: number, onError: () => void): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) {
    onError();
    return fallback;
  }
  const value = Number(raw);
  if (value < min || value > max) {
    onError();
    return fallback;
  }
  return value;
}

const sizeUnits: Readonly<Record<string, number>> = { '': 1, b: 1, kb: 1024, k: 1024, mb: 1024 * 1024, m: 1024 * 1024 };

function readSize(raw: string | undefined, fallback: number, onError: () => void): number {
  if (raw === undefined) return fallback;
  const match = /^(\d+)\s*([a-z]*)$/i.exec(raw);
  const unit = sizeUnits[match?.[2]?.toLowerCase() ?? 'x'];
  if (!match || unit === undefined) {
    onError();
    return fallback;
  }
  const value = Number(match[1]) * unit;
  if (value < 1024 || value > 100 * 1024 * 1024) {
    onError();
    return fallback;
  }
  return value;
}

function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

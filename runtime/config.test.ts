import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('should default to port 3000 on 127.0.0.1 with SQLite under data/', () => {
    // when
    const config = loadConfig({}, '/srv/app');

    // then
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDir).toBe(path.resolve('/srv/app/data'));
    expect(config.databaseKind).toBe('sqlite');
    expect(config.databaseUrl).toBeUndefined();
  });

  it('should switch to PostgreSQL when DATABASE_URL is a postgres URL', () => {
    // when
    const config = loadConfig({ DATABASE_URL: 'postgres://wf:pw@127.0.0.1:5432/linli' });

    // then
    expect(config.databaseKind).toBe('postgresql');
    expect(config.databaseUrl).toBe('postgres://wf:pw@127.0.0.1:5432/linli');
  });

  it('should name PORT when it is not a number', () => {
    // when
    const attempt = () => loadConfig({ PORT: 'abc' });

    // then
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/配置错误 PORT: .*PORT must be an integer 1–65535/);
  });

  it('should report every bad variable at once', () => {
    // when
    let problems: readonly { variable: string }[] = [];
    try {
      loadConfig({ PORT: '70000', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', BODY_LIMIT: '5 parsecs', WEBHOOK_ALLOW_LIST: 'ftp://x' });
    } catch (error) {
      if (error instanceof ConfigError) problems = error.problems;
    }

    // then
    expect(problems.map((p) => p.variable)).toEqual(['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'BODY_LIMIT', 'WEBHOOK_ALLOW_LIST']);
  });

  it('should read sizes with units', () => {
    // when
    const config = loadConfig({ BODY_LIMIT: '512kb', UPLOAD_LIMIT: '2mb' });

    // then
    expect(config.bodyLimit).toBe(512 * 1024);
    expect(config.uploadLimit).toBe(2 * 1024 * 1024);
  });
});

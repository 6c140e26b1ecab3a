import type { SqlDatabase, SqlRow, SqlTx, SqlValue } from './sql-database.js';

/** The part of a node-postgres `Client` we use. */
export interface PgClientHandle {
  query(config: { text: string; values: readonly SqlValue[]; name?: string }): Promise<{ rows: SqlRow[]; rowCount: number | null }>;
}

/** The part of knex's client that hands out pooled connections. */
export interface PgPool {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<unknown>;
}

/**
 * `SqlDatabase` over the connection pool MikroORM's knex opened: `?` placeholders become `$n`,
 * and each statement is a named prepared statement (parsed once per connection).
 */
export class PostgresDatabase implements SqlDatabase {
  readonly dialect = 'postgresql' as const;
  readonly forUpdate = ' FOR UPDATE';
  readonly forUpdateSkipLocked = ' FOR UPDATE SKIP LOCKED';
  private readonly texts = new Map<string, { text: string; name: string }>();

  constructor(
    private readonly pool: PgPool,
    private readonly onClose: () => Promise<void>,
  ) {}

  async all(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]> {
    return this.withConnection(async (client) => (await this.query(client, sql, params)).rows);
  }

  async get(sql: string, params?: readonly SqlValue[]): Promise<SqlRow | undefined> {
    return (await this.all(sql, params))[0];
  }

  async run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.withConnection(async (client) => (await this.query(client, sql, params)).rowCount ?? 0);
  }

  async transaction<T>(work: (tx: SqlTx) => Promise<T>): Promise<T> {
    return this.withConnection(async (client) => {
      const tx: SqlTx = {
        dialect: 'postgresql',
        all: async (sql, params) => (await this.query(client, sql, params)).rows,
        get: async (sql, params) => (await this.query(client, sql, params)).rows[0],
        run: async (sql, params) => (await this.query(client, sql, params)).rowCount ?? 0,
      };
      await client.query({ text: 'BEGIN', values: [] });
      try {
        const result = await work(tx);
        await client.query({ text: 'COMMIT', values: [] });
        return result;
      } catch (error) {
        await client.query({ text: 'ROLLBACK', values: [] }).catch(() => undefined);
        throw error;
      }
    });
  }

  /** Autovacuum's analyse keeps PostgreSQL's statistics current: nothing to do. */
  async refreshPlannerStatistics(): Promise<void> {}

  close(): Promise<void> {
    return this.onClose();
  }

  private async withConnection<T>(work: (client: PgClientHandle) => Promise<T>): Promise<T> {
    const connection = await this.pool.acquireConnection();
    try {
      // knex's pg dialect hands out node-postgres clients.
      return await work(connection as PgClientHandle);
    } finally {
      await this.pool.releaseConnection(connection);
    }
  }

  private query(client: PgClientHandle, sql: string, params: readonly SqlValue[] = []) {
    let prepared = this.texts.get(sql);
    if (!prepared) {
      let n = 0;
      prepared = { text: sql.replace(/\?/g, () => `$${++n}`), name: `lf${this.texts.size}` };
      this.texts.set(sql, prepared);
    }
    return client.query({ text: prepared.text, values: params, name: prepared.name });
  }
}

import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../persistence/test-database.js';
import { openWorkflowService, type InternalServiceOptions } from './create-workflow-service.js';
import type { SqlWorkflowService } from './sql-workflow-service.js';

/** A test clock the tests move by hand (epoch ms). */
export class TestClock {
  constructor(public value = Date.parse('2026-03-02T09:00:00+08:00')) {}
  readonly now = (): number => this.value;
  advance(ms: number): void {
    this.value += ms;
  }
}

/** A throwaway database plus helpers to open (and re-open) services on it. */
export interface ServiceHarness {
  readonly database: TestDatabase;
  readonly clock: TestClock;
  /** Opens a service on the harness database (executor not started unless asked). */
  open(options?: Partial<InternalServiceOptions>): Promise<SqlWorkflowService>;
  /** Closes every service opened and drops the database. */
  dispose(): Promise<void>;
}

export async function createServiceHarness(): Promise<ServiceHarness> {
  const database = await createTestDatabase();
  const clock = new TestClock();
  const opened: SqlWorkflowService[] = [];
  return {
    database,
    clock,
    async open(options = {}) {
      const service = await openWorkflowService({ ...database.options, jobExecutor: false, now: clock.now, nodeId: 'test-node', ...options });
      opened.push(service);
      return service;
    },
    async dispose() {
      for (const service of opened) await service.close();
      await database.drop();
    },
  };
}

/** A fixture beside the tests. */
export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

/** A fresh community name, so tests sharing one database do not see each other's rows. */
export function newCommunity(): string {
  return `c-${randomBytes(4).toString('hex')}`;
}

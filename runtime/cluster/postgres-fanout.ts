import { createRequire } from 'node:module';
import type { CommittedEvent, CommittedListener } from '../services/workflow-service.js';

/** The part of `pg` used here (installed with @mikro-orm/postgresql; it ships no types). */
interface PgNotification {
  readonly channel: string;
  readonly payload?: string;
}
interface PgListenClient {
  connect(): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<unknown>;
  end(): Promise<void>;
  on(event: 'notification', listener: (message: PgNotification) => void): void;
  on(event: 'error' | 'end', listener: (error?: Error) => void): void;
}
type PgClientConstructor = new (options: { connectionString: string }) => PgListenClient;

export interface FanoutOptions {
  readonly databaseUrl: string;
  /** This node's name; its own notifications are not delivered back to it. */
  readonly nodeId: string;
  /** The service's after-commit subscription. */
  readonly onCommitted: (listener: CommittedListener) => () => void;
  /** Hands another node's events to this node's listeners (websocket hub, job executor, long polls). */
  readonly deliver: (events: readonly CommittedEvent[]) => void;
  readonly channel?: string;
  readonly logger?: { warn(obj: object, msg?: string): void };
}

export interface Fanout {
  stop(): Promise<void>;
}

/** PostgreSQL caps a NOTIFY payload at 8000 bytes; stay under it with room for the envelope. */
const MAX_PAYLOAD = 7_000;

const require = createRequire(import.meta.url);

/**
 * Cross-node fan-out on PostgreSQL with LISTEN/NOTIFY: after a command commits on one node,
 * its events are NOTIFYed; every other node LISTENs and hands them to its own listeners, so a
 * websocket client on node A sees a task created on node C, and a job made available on C wakes
 * A's executor at once. Only a wake-up: a lost notification (connection drop, restart) delays
 * work until the next poll, never loses it, because every job and task is a row.
 */
export async function startPostgresFanout(options: FanoutOptions): Promise<Fanout> {
  const { Client } = require('pg') as { Client: PgClientConstructor }; // CommonJS module without types
  const channel = options.channel ?? 'linli_events';
  const forwarded = new WeakSet<readonly CommittedEvent[]>();
  let listener: PgListenClient | null = null;
  let notifier: PgListenClient | null = null;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const listen = new Client({ connectionString: options.databaseUrl });
    const notify = new Client({ connectionString: options.databaseUrl });
    const lost = (error?: Error): void => {
      if (stopped) return;
      options.logger?.warn({ err: error }, '集群通知连接中断，稍后重连 / cluster notification connection lost; reconnecting');
      listener = null;
      notifier = null;
      void listen.end().catch(() => undefined);
      void notify.end().catch(() => undefined);
      retryTimer ??= setTimeout(() => {
        retryTimer = null;
        void connect().catch(lost);
      }, 1_000);
      retryTimer.unref();
    };
    listen.on('error', lost);
    listen.on('end', lost);
    notify.on('error', lost);
    listen.on('notification', (message) => {
      if (message.channel !== channel || message.payload === undefined) return;
      let envelope: { node?: unknown; events?: unknown };
      try {
        envelope = JSON.parse(message.payload) as typeof envelope; // written by this module on another node
      } catch {
        return;
      }
      if (envelope.node === options.nodeId || !Array.isArray(envelope.events)) return;
      const events = envelope.events as CommittedEvent[]; // same module, same shape
      forwarded.add(events);
      options.deliver(events);
    });
    try {
      await listen.connect();
      await notify.connect();
      await listen.query(`LISTEN ${channel}`);
    } catch (error) {
      // half open (one connected, the other refused): close both before the caller retries
      await Promise.all([listen.end(), notify.end()].map((p) => p.catch(() => undefined)));
      throw error;
    }
    listener = listen;
    notifier = notify;
  };

  const unsubscribe = options.onCommitted((events) => {
    if (forwarded.has(events) || notifier === null) return;
    for (const payload of envelopes(options.nodeId, events)) {
      // after commit by construction (onCommitted runs after COMMIT); a failure only loses a wake-up
      notifier.query('SELECT pg_notify($1, $2)', [channel, payload]).catch(() => undefined);
    }
  });

  await connect();
  return {
    async stop() {
      stopped = true;
      unsubscribe();
      if (retryTimer) clearTimeout(retryTimer);
      await Promise.all([listener?.end(), notifier?.end()].map((p) => p?.catch(() => undefined)));
    },
  };
}

/** Splits a batch into NOTIFY payloads under the size limit (an event alone always fits). */
function envelopes(node: string, events: readonly CommittedEvent[]): string[] {
  const result: string[] = [];
  let batch: CommittedEvent[] = [];
  const flush = (): void => {
    if (batch.length > 0) result.push(JSON.stringify({ node, events: batch }));
    batch = [];
  };
  for (const event of events) {
    batch.push(event);
    if (Buffer.byteLength(JSON.stringify({ node, events: batch })) > MAX_PAYLOAD) {
      batch.pop();
      flush();
      batch.push(event);
    }
  }
  flush();
  return result;
}

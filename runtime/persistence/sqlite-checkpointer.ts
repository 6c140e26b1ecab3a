import { Worker } from 'node:worker_threads';

/** How often the background thread checkpoints the WAL. */
const INTERVAL_MS = 100;

/**
 * Checkpoints an SQLite database's write-ahead log on a worker thread with its own connection.
 *
 * With SQLite's automatic checkpoint, the connection that commits past 1,000 WAL pages copies
 * them into the database file and syncs it, inside that COMMIT, on the thread that answers
 * requests (measured: COMMIT 230 µs on average instead of 130 µs). The request connection keeps
 * a far higher automatic threshold only as a safety net, for when this thread has stopped or
 * lags behind; a PASSIVE checkpoint never blocks the writer, so the two never wait for each other.
 */
export class SqliteCheckpointer {
  private constructor(
    private readonly worker: Worker,
    private readonly exited: Promise<void>,
  ) {}

  /** Starts checkpointing `file` (which must exist and be in WAL mode). */
  static start(file: string, onError: (message: string) => void): SqliteCheckpointer {
    const worker = new Worker(new URL('./sqlite-checkpoint-worker.mjs', import.meta.url), { workerData: { file, intervalMs: INTERVAL_MS } });
    worker.unref(); // it never keeps the process alive
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (message: { type: string; message: string }) => {
      if (message.type === 'error') onError(message.message);
    });
    worker.on('error', (error) => onError(error.message));
    return new SqliteCheckpointer(worker, exited);
  }

  /** Closes the worker's connection and waits for the thread to end. */
  async stop(): Promise<void> {
    this.worker.postMessage('stop'); // ignored by a thread that has already ended
    await this.exited;
  }
}

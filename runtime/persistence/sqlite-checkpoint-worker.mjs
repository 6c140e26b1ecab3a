// @ts-check
/**
 * Worker thread: checkpoints the SQLite write-ahead log of one database file in the background,
 * on a connection of its own, so that the request thread never copies WAL pages into the
 * database file or waits for the fsync that follows (see sqlite-checkpointer.ts).
 *
 * Plain JavaScript on purpose: a worker starts without the TypeScript loader under every runner
 * (tsx, vitest, plain node).
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** @type {{ file: string; intervalMs: number }} */
const { file, intervalMs } = workerData;
const db = new Database(file, { fileMustExist: true });
db.pragma('busy_timeout = 0'); // a PASSIVE checkpoint never waits; nothing else runs here

let stopping = false;
/** @type {NodeJS.Timeout | undefined} */
let timer;

function checkpoint() {
  if (stopping) return;
  try {
    // PASSIVE: copies what no reader still needs, never blocks the writer or the readers.
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort?.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
  timer = setTimeout(checkpoint, intervalMs);
}

parentPort?.on('message', (message) => {
  if (message !== 'stop') return;
  stopping = true;
  clearTimeout(timer);
  db.close();
  parentPort?.close();
});

timer = setTimeout(checkpoint, intervalMs);

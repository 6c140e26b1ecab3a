/**
 * Runs async tasks one after another. SQLite has one connection and one writer; queueing every
 * transaction keeps a statement of one command from landing inside another's transaction.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    // The queue continues whether the task failed or not; the caller sees the failure.
    this.tail = result.catch(() => undefined);
    return result;
  }
}

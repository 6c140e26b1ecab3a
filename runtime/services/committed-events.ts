import type { CommittedEvent, CommittedListener } from './workflow-service.js';

/** Fan-out of after-commit events to in-process listeners (websocket, long polls). */
export class CommittedEvents {
  private readonly listeners = new Set<CommittedListener>();

  subscribe(listener: CommittedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(events: readonly CommittedEvent[]): void {
    if (events.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(events);
      } catch {
        // A failing listener must not break the command that already committed.
      }
    }
  }
}

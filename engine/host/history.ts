import type { EngineEvent } from '../step/event.js';

/** One line of an instance's readable history: an element entered, completed or terminated. */
export interface HistoryEntry {
  readonly elementId: string;
  readonly event: 'entered' | 'completed' | 'terminated';
}

export function historyEntryOf(event: EngineEvent): HistoryEntry | null {
  switch (event.type) {
    case 'element.entered':
      return { elementId: event.elementId, event: 'entered' };
    case 'element.completed':
      return { elementId: event.elementId, event: 'completed' };
    case 'element.terminated':
      return { elementId: event.elementId, event: 'terminated' };
    default:
      return null;
  }
}

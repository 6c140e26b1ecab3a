import type { Actor } from './actor.js';
import { maySeeAllInstances } from './authorisation.js';

/** Shapes an answer for who asked (runs before serialisation, on 2xx answers only). */
export type Redaction = (payload: unknown, actor: Actor) => unknown;

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** History entries keep who did what and when; their data (values, reasons) stays with staff. */
function bareEntries(entries: unknown): unknown {
  return Array.isArray(entries) ? entries.map((entry) => ({ ...record(entry), data: {} })) : entries;
}

/**
 * A resident looking at their own case sees its status, current steps and history outline,
 * not the variables staff work with (assessments, contact details of others, internal remarks).
 */
export const instanceForViewer: Redaction = (payload, actor) => {
  const instance = record(payload);
  if (maySeeAllInstances(actor) || instance === undefined) return payload;
  return { ...instance, variables: {}, history: bareEntries(instance['history']) };
};

export const historyForViewer: Redaction = (payload, actor) => {
  const page = record(payload);
  if (maySeeAllInstances(actor) || page === undefined) return payload;
  return { ...page, items: bareEntries(page['items']) };
};

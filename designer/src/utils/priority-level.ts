export type PriorityLevel = 'low' | 'normal' | 'high' | 'urgent';

/** Zeebe priorities run 0–100 with 50 as the default; staff think in four levels. */
export function priorityLevel(priority: number): PriorityLevel {
  if (priority >= 75) return 'urgent';
  if (priority > 50) return 'high';
  if (priority < 50) return 'low';
  return 'normal';
}

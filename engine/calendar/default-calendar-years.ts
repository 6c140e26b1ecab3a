import cn2025 from './data/cn-2025.json' with { type: 'json' };
import cn2026 from './data/cn-2026.json' with { type: 'json' };
import { parseCalendarYear } from './parse-calendar-year.js';
import type { CalendarYear } from './working-calendar.js';

/**
 * The mainland-China years shipped with the engine (State Council notices, cross-checked with
 * `chinese-days` 1.5.7). 2027 is not shipped: the notice is published each November and must be
 * loaded by an admin (`parseCalendarYear`) until a release adds it.
 */
export const defaultCalendarYears: readonly CalendarYear[] = [cn2025, cn2026].map((json) => parseCalendarYear(json));

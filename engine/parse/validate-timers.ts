import { parseTimer, TimerFormatError } from '../timer/index.js';
import type { TimerDef } from '../model/executable-model.js';
import type { ValidationContext } from './validation-context.js';

/** Fixed reference time: only the format is checked here, never when the timer fires. */
const REFERENCE_NOW = Date.UTC(2026, 0, 1);
const fields: Readonly<Record<TimerDef['type'], string>> = { date: 'timeDate', duration: 'timeDuration', cycle: 'timeCycle' };

/**
 * Static timer texts (`P3D`, `R3/PT1H`, `2026-10-08T09:00:00+08:00`, cron) are read now, so a
 * typo is a deploy-time problem instead of an incident days later. FEEL timers are checked when
 * they are evaluated.
 */
export function validateTimers({ model, report }: ValidationContext): void {
  for (const process of model.processes.values()) {
    for (const element of process.elements.values()) {
      if (!('event' in element) || element.event.kind !== 'timer') continue;
      const { timer } = element.event;
      if (timer.value.kind !== 'static') continue;
      try {
        parseTimer(timer.type, timer.value.value, REFERENCE_NOW);
      } catch (error) {
        if (!(error instanceof TimerFormatError)) throw error;
        const split = /\s?\/ /.exec(error.message);
        const zh = split ? error.message.slice(0, split.index) : error.message;
        const en = split ? error.message.slice(split.index + split[0].length) : error.message;
        report.add(element, fields[timer.type], zh, en);
      }
    }
  }
}

/** The engine's public API: parse BPMN, step instances purely, or run them in memory. */
export { parseBpmn } from './parse/parse-bpmn.js';
export { step, type StepResult } from './step/step.js';
export type { Command } from './step/command.js';
export type { Effect, JobData, UserTaskData } from './step/effect.js';
export type { EngineEvent } from './step/event.js';
export type { StepContext } from './step/step-context.js';
export type { ExecutableModel } from './model/executable-model.js';
export type { InstanceState, IncidentState } from './state/instance-state.js';
export type { JsonObject, JsonValue } from './state/json.js';
export type { WorkingCalendar, CalendarYear } from './calendar/working-calendar.js';
export { createWorkingCalendar, defaultCalendarYears, parseCalendarYear, CalendarDataError } from './calendar/index.js';
export { EngineError, ValidationError, InvalidCommandError, type ValidationProblem } from './errors.js';
export { InMemoryEngine, type HostSnapshot, type InstanceView, type OpenUserTask, type JobHandler } from './host/in-memory-engine.js';
export { BusinessError } from './host/business-error.js';
export type { HistoryEntry } from './host/history.js';

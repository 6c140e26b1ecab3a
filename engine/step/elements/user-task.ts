import type { UserTaskDef } from '../../model/executable-model.js';
import type { JsonValue } from '../../state/json.js';
import { IncidentSignal } from '../incident-signal.js';
import type { ElementBehavior } from './element-behavior.js';

const DEFAULT_PRIORITY = 50;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?(@[A-Za-z_/]+)?)?$/;

/** Creates the task the inbox shows, from static or FEEL assignment, schedule, priority and form. */
export const userTask: ElementBehavior<UserTaskDef> = {
  activate(run, def, instance) {
    const warnings: string[] = [];
    const before = run.events.length;
    const priorityValue = run.value(def.priority, instance, def.id);
    const priority = priorityValue === null ? DEFAULT_PRIORITY : Number(priorityValue);
    if (!Number.isInteger(priority) || priority < 0 || priority > 100) {
      throw new IncidentSignal('EXPRESSION_ERROR', `优先级应为 0–100 的整数，得到 ${JSON.stringify(priorityValue)} / priority must be an integer 0–100`);
    }
    const task = {
      elementInstanceId: instance.id,
      elementId: def.id,
      name: def.name,
      assignee: text(run.value(def.assignee, instance, def.id), 'assignee'),
      candidateGroups: list(run.value(def.candidateGroups, instance, def.id), 'candidateGroups'),
      candidateUsers: list(run.value(def.candidateUsers, instance, def.id), 'candidateUsers'),
      dueDate: date(run.value(def.dueDate, instance, def.id), 'dueDate'),
      followUpDate: date(run.value(def.followUpDate, instance, def.id), 'followUpDate'),
      priority,
      formId: text(run.value(def.formId, instance, def.id), 'formId'),
      formKey: def.formKey,
      properties: def.properties,
      warnings,
    };
    for (const event of run.events.slice(before)) if (event.type === 'warning') warnings.push(event.message);
    run.effects.push({ type: 'userTask.created', task });
  },
  terminate(run, _def, instance) {
    run.effects.push({ type: 'userTask.cancelled', elementInstanceId: instance.id });
  },
};

function text(value: JsonValue, field: string): string | null {
  if (value === null || value === '') return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new IncidentSignal('EXPRESSION_ERROR', `${field} 应为文本，得到 ${JSON.stringify(value)} / ${field} must be a string, got ${JSON.stringify(value)}`);
}

function date(value: JsonValue, field: string): string | null {
  const result = text(value, field);
  if (result !== null && !ISO_DATE.test(result)) {
    throw new IncidentSignal('EXPRESSION_ERROR', `${field} 不是 ISO 8601 日期时间：${result} / ${field} is not an ISO 8601 date-time: ${result}`);
  }
  return result;
}

/** Candidate lists: a FEEL list of strings, or a comma-separated string as Camunda Modeler writes it. */
function list(value: JsonValue, field: string): string[] {
  if (value === null) return [];
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string')) return value;
  throw new IncidentSignal('EXPRESSION_ERROR', `${field} 应为文本列表，得到 ${JSON.stringify(value)} / ${field} must be a list of strings`);
}

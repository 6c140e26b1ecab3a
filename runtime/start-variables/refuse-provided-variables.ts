import type { JsonObject } from '../../engine/state/json.js';
import type { ValidationProblem } from '../../engine/errors.js';
import { WorkflowValidationError } from '../services/errors.js';
import type { ProvidedVariable } from './provided-variable.js';
import { providedVariables } from './provided-variables.js';

/** When the variables were sent, in both languages (e.g. 办理任务 / when completing a task). */
export interface SentWhen {
  readonly zh: string;
  readonly en: string;
}

/** At start (start form, API, public intake, message or signal start). */
export const AT_START: SentWhen = { zh: '发起', en: 'at start' };

/** The provided variables among `variables`, in the order `providedVariables` lists them. */
export function providedAmong(variables: JsonObject | undefined, among: readonly ProvidedVariable[] = providedVariables): ProvidedVariable[] {
  if (variables === undefined) return [];
  return among.filter((variable) => Object.hasOwn(variables, variable.name));
}

/** 422 naming each provided variable that was given (field = its name), Chinese first. */
export function refusal(given: readonly ProvidedVariable[], when: SentWhen): WorkflowValidationError {
  const problems: ValidationProblem[] = given.map((variable) => ({
    elementId: null,
    elementType: null,
    field: variable.name,
    message: `变量 ${variable.name} 由${variable.source.zh}提供，${when.zh}时不能填写 / the variable ${variable.name} comes from ${variable.source.en} and cannot be given ${when.en}`,
  }));
  const names = given.map((variable) => variable.name);
  return new WorkflowValidationError(problems, `${when.zh}时不能填写变量 ${names.join('、')} / ${names.join(', ')} cannot be given ${when.en}`);
}

/**
 * Refuses the provided variables (`bylaw`, `initiator`) among those a person or an integration
 * sends to a running case (task completion, job completion or BPMN error, message, signal): a
 * case keeps what it started with. The audited variable edit of a community admin remains the
 * one way to change them.
 */
export function refuseProvidedVariables(variables: JsonObject | undefined, when: SentWhen): void {
  const given = providedAmong(variables);
  if (given.length > 0) throw refusal(given, when);
}

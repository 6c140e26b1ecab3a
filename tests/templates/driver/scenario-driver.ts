import type { JsonObject } from '../../../engine/index.js';

/** DOMAIN.md role keys: who a task is for (candidate groups). */
export type Role = 'party' | 'rc' | 'oc' | 'pm' | 'bl' | 'vol' | 'rep' | 'resident' | 'street';

/** A task as a role's inbox shows it. */
export interface TaskView {
  readonly id: string;
  readonly instanceId: string;
  readonly elementId: string;
  readonly name: string | null;
  readonly candidateGroups: readonly string[];
  readonly formId: string | null;
  readonly dueDate: string | null;
}

/** An in-app notification sent by a `linli:notify:1` job, placeholders filled. */
export interface SentNotification {
  readonly instanceId: string;
  readonly groups: readonly string[];
  readonly users: readonly string[];
  readonly title: string;
  readonly body: string;
}

/**
 * What a scenario does, as the people in it would: start a case with its start form, look at
 * one role's tasks, submit a task's form, publish a message, let time pass. The in-memory
 * driver runs it on `InMemoryEngine`; a REST driver (logged-in users of each role) can replay
 * the same steps once the runtime and identity land.
 */
export interface ScenarioDriver {
  /**
   * Starts the latest version of a template as `role`, submitting its start form. `settings` are
   * the community's bylaw settings (variable `bylaw`), which the runtime adds from the
   * community's configuration, never from the form.
   */
  start(processId: string, role: Role, form: JsonObject, settings?: { readonly bylaw: JsonObject }): Promise<string>;
  /** Open tasks `role` may work on in this case (and in cases it called), oldest first. */
  tasks(role: Role, instanceId: string): Promise<TaskView[]>;
  /** Submits the form of the one open task of `elementId` that `role` can see; fails otherwise. */
  complete(role: Role, instanceId: string, elementId: string, form: JsonObject): Promise<void>;
  /** Completes every open task of `elementId` visible to `role`, one form each, in order. */
  completeAll(role: Role, instanceId: string, elementId: string, forms: readonly JsonObject[]): Promise<void>;
  publish(name: string, correlationKey: string, variables?: JsonObject): Promise<void>;
  /** Lets time pass (ISO 8601 duration); timers that fall due fire in order. */
  advance(duration: string): Promise<void>;
  /** Lets time pass until an ISO 8601 date-time (e.g. the hour a meeting starts). */
  advanceTo(dateTime: string): Promise<void>;
  variables(instanceId: string): Promise<JsonObject>;
  status(instanceId: string): Promise<'active' | 'completed' | 'terminated'>;
  /** Whether the case went through the element (entered it at least once); how many times. */
  visits(instanceId: string, elementId: string): Promise<number>;
  /** Public replies published for the case: what the resident sees with their tracking code. */
  publicReplies(instanceId: string): Promise<string[]>;
  notifications(instanceId?: string): Promise<SentNotification[]>;
  /** Cases of a template, oldest first, including those a timer or message started. */
  cases(processId: string): Promise<string[]>;
  /** Instances a call activity of this case started (e.g. the owner vote). */
  calledCases(instanceId: string): Promise<string[]>;
}

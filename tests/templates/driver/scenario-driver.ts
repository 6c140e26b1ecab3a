import type { JsonObject } from '../../../engine/index.js';

/** DOMAIN.md role keys: who a task is for (candidate groups). */
export type Role = 'party' | 'rc' | 'oc' | 'pm' | 'bl' | 'vol' | 'rep' | 'resident' | 'street';

/**
 * A person in a scenario: `bl` is the scenario's 楼组长 (one person per role), `bl-2` a second
 * person holding the same role in the community, e.g. another 楼组长 of the same residents' committee.
 */
export type Person = Role | `${Role}-2`;

/** The role a person holds. */
export function roleOf(person: Person): Role {
  return (person.endsWith('-2') ? person.slice(0, -2) : person) as Role;
}

/** The user id a person signs in with (the same in every driver). */
export function userOf(person: Person): string {
  return `user-${person}`;
}

/** A task as a role's inbox shows it. */
export interface TaskView {
  readonly id: string;
  readonly instanceId: string;
  readonly elementId: string;
  readonly name: string | null;
  readonly candidateGroups: readonly string[];
  readonly formId: string | null;
  readonly dueDate: string | null;
  /** The user id the task is addressed to (assignment or claim), null while it waits for a candidate. */
  readonly assignee: string | null;
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
   * community's configuration, never from the form. The runtime also gives a process that reads
   * `initiator` the user id of the person who started it (`userOf(role)`).
   */
  start(processId: string, role: Person, form: JsonObject, settings?: { readonly bylaw: JsonObject }): Promise<string>;
  /**
   * Open tasks `role` may work on in this case (and in cases it called), oldest first: those
   * addressed to the person, and unassigned ones for their role.
   */
  tasks(role: Person, instanceId: string): Promise<TaskView[]>;
  /** Submits the form of the one open task of `elementId` that `role` can see; fails otherwise. */
  complete(role: Person, instanceId: string, elementId: string, form: JsonObject): Promise<void>;
  /** Completes every open task of `elementId` visible to `role`, one form each, in order. */
  completeAll(role: Person, instanceId: string, elementId: string, forms: readonly JsonObject[]): Promise<void>;
  /**
   * Submits a task by its id as `person`, without looking in their inbox first: the runtime's
   * rules decide (only the assignee, or a candidate while unassigned); a refusal rejects with 403.
   */
  submitTask(person: Person, taskId: string, form: JsonObject): Promise<void>;
  /** The community admin hands the open task of `elementId` to `person`, with a reason. */
  reassign(instanceId: string, elementId: string, person: Person, reason: string): Promise<void>;
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

import { readdirSync, readFileSync } from 'node:fs';
import { createWorkingCalendar, defaultCalendarYears } from '../../../engine/calendar/index.js';
import { InMemoryEngine, type HostSnapshot, type JsonObject } from '../../../engine/index.js';
import { compileFormSchema, type CompiledForm } from '../../../runtime/forms/form-schema.js';
import { findStartFormId } from '../../../runtime/forms/start-form-id.js';
import { validateFormData } from '../../../runtime/forms/validate-form-data.js';
import { anonymousActor, type Actor } from '../../../runtime/identity/actor.js';
import { mayCompleteTask } from '../../../runtime/identity/authorisation.js';
import { fillTemplate, recipientsOf } from '../../../runtime/services/connectors/template.js';
import { INITIATOR_VARIABLE } from '../../../runtime/start-variables/initiator-variable.js';
import { recordHistory } from './element-coverage.js';
import { roleOf, userOf, type Person, type ScenarioDriver, type SentNotification, type TaskView } from './scenario-driver.js';

const definitionsDir = new URL('../../../definitions/', import.meta.url);
/** The community the in-memory tasks belong to, for the runtime's task rules. */
const COMMUNITY = 'in-memory';
const calendar = createWorkingCalendar([...defaultCalendarYears]);

/**
 * `continuous`: one engine throughout. `restarted`: after every step the whole host goes through
 * `JSON.parse(JSON.stringify(snapshot))` and a fresh engine resumes from it, as after a restart.
 */
export type DriverMode = 'continuous' | 'restarted';
export const driverModes: readonly DriverMode[] = ['continuous', 'restarted'];

/** Monday 30 November 2026, 09:00 in Shanghai: a plain working week ahead. */
export const SCENARIO_START = Date.parse('2026-11-30T09:00:00+08:00');

function readForms(): Map<string, CompiledForm> {
  const forms = new Map<string, CompiledForm>();
  for (const name of readdirSync(new URL('forms/', definitionsDir))) {
    if (!name.endsWith('.form.json')) continue;
    const compiled = compileFormSchema(JSON.parse(readFileSync(new URL(`forms/${name}`, definitionsDir), 'utf8')));
    forms.set(compiled.id ?? name, compiled);
  }
  return forms;
}

/**
 * Runs scenarios on the in-memory engine with every template deployed. Every submission goes
 * through the form's server-side validation first (as the runtime does), so a scenario that
 * sends a key the form lacks, or breaks a rule, fails. The built-in connectors are stood in for
 * by workers that record what the resident and the roles would see. Like the runtime, a start
 * gives a process that reads `initiator` the starter's user id, inboxes show a person the tasks
 * addressed to them and the unassigned ones of their role, and only the runtime's task rules
 * (`mayCompleteTask`) let a person complete a task; the admin's reassignments are kept here, as
 * the runtime keeps them in its task rows rather than in the engine.
 */
export class InMemoryDriver implements ScenarioDriver {
  private readonly sent: SentNotification[] = [];
  private readonly replies: { instanceId: string; body: string }[] = [];
  private readonly xmlByProcess = new Map<string, string>();
  /** Tasks the admin reassigned: task id → user id. */
  private readonly reassigned = new Map<string, string>();

  private constructor(
    private engine: InMemoryEngine,
    private readonly forms: Map<string, CompiledForm>,
    private readonly mode: DriverMode,
  ) {
    this.registerWorkers();
  }

  /** How many times the engine was restarted from a JSON snapshot (tests check it happened). */
  restarts = 0;

  private registerWorkers(): void {
    const engine = this.engine;
    engine.registerWorker('linli:notify:1', async (job) => {
      this.sent.push({
        instanceId: this.rootOf(this.instanceOfJob(job.key)),
        groups: recipientsOf(job.headers['groups'], job.variables),
        users: recipientsOf(job.headers['users'], job.variables),
        title: fillTemplate(job.headers['title'] ?? '', job.variables),
        body: fillTemplate(job.headers['body'] ?? '', job.variables),
      });
    });
    engine.registerWorker('linli:public-reply:1', async (job) => {
      const fromVariable = job.variables[job.headers['variable'] ?? 'publicReply'];
      const body = job.headers['body'] !== undefined ? fillTemplate(job.headers['body'], job.variables) : typeof fromVariable === 'string' ? fromVariable : '';
      if (body.trim() === '') throw new Error('empty public reply');
      this.replies.push({ instanceId: this.rootOf(this.instanceOfJob(job.key)), body });
    });
    engine.registerWorker('linli:webhook:1', async () => {});
  }

  /** A fresh engine with every template under definitions/templates deployed. */
  static async create(options: { now?: number; mode?: DriverMode } = {}): Promise<InMemoryDriver> {
    const engine = new InMemoryEngine({ now: options.now ?? SCENARIO_START, calendar });
    const driver = new InMemoryDriver(engine, readForms(), options.mode ?? 'continuous');
    for (const name of readdirSync(new URL('templates/', definitionsDir)).sort()) {
      if (!name.endsWith('.bpmn')) continue;
      const xml = readFileSync(new URL(`templates/${name}`, definitionsDir), 'utf8');
      const { processIds } = await engine.deploy(xml);
      for (const id of processIds) driver.xmlByProcess.set(id, xml);
    }
    await driver.afterStep();
    return driver;
  }

  /** Records what the cases entered (element-coverage.ts); in `restarted` mode, serialise the whole host to JSON and resume on a fresh engine. */
  private async afterStep(): Promise<void> {
    for (const id of this.engine.instanceIds()) {
      const view = this.engine.getInstance(id);
      recordHistory(view.processId, view.history);
    }
    if (this.mode !== 'restarted') return;
    const copy = JSON.parse(JSON.stringify(this.engine.snapshot())) as HostSnapshot;
    this.engine = await InMemoryEngine.restore(copy, { calendar });
    this.registerWorkers();
    this.restarts += 1;
  }

  async start(processId: string, role: Person, form: JsonObject, settings?: { readonly bylaw: JsonObject }): Promise<string> {
    const xml = this.xmlByProcess.get(processId);
    if (!xml) throw new Error(`template ${processId} is not deployed`);
    const formId = await findStartFormId(xml, processId);
    const variables = formId ? this.validate(formId, form, {}) : form;
    const initiator: JsonObject = new RegExp(`\\b${INITIATOR_VARIABLE}\\b`).test(xml) ? { [INITIATOR_VARIABLE]: userOf(role) } : {};
    const id = await this.engine.start(processId, { ...variables, ...(settings ? { bylaw: settings.bylaw } : {}), ...initiator });
    await this.afterStep();
    return id;
  }

  async tasks(role: Person, instanceId: string): Promise<TaskView[]> {
    const cases = new Set(this.caseTree(instanceId));
    return this.openTasks()
      .filter((t) => cases.has(t.instanceId))
      .filter((t) => (t.assignee === null ? t.candidateGroups.includes(roleOf(role)) : t.assignee === userOf(role)));
  }

  /** Every open task, with the assignee the runtime would show (the model's, or the admin's reassignment). */
  private openTasks(): TaskView[] {
    return this.engine.userTasks().map((t) => ({
      id: t.elementInstanceId,
      instanceId: t.instanceId,
      elementId: t.elementId,
      name: t.name,
      candidateGroups: t.candidateGroups,
      formId: t.formId,
      dueDate: t.dueDate,
      assignee: this.reassigned.get(t.elementInstanceId) ?? t.assignee,
    }));
  }

  async submitTask(person: Person, taskId: string, form: JsonObject): Promise<void> {
    const task = this.openTasks().find((t) => t.id === taskId);
    if (task === undefined) throw new Error(`404 no open task ${taskId}`);
    await this.submit(task, form, person);
  }

  async reassign(instanceId: string, elementId: string, person: Person, reason: string): Promise<void> {
    if (reason.trim() === '') throw new Error('a reassignment needs a reason');
    const cases = new Set(this.caseTree(instanceId));
    const tasks = this.openTasks().filter((t) => cases.has(t.instanceId) && t.elementId === elementId);
    if (tasks.length !== 1) throw new Error(`${tasks.length} open "${elementId}" tasks in ${instanceId}`);
    this.reassigned.set((tasks[0] as TaskView).id, userOf(person));
  }

  async complete(role: Person, instanceId: string, elementId: string, form: JsonObject): Promise<void> {
    const tasks = (await this.tasks(role, instanceId)).filter((t) => t.elementId === elementId);
    if (tasks.length !== 1) {
      const visible = (await this.tasks(role, instanceId)).map((t) => t.elementId).join(', ');
      throw new Error(`${role} sees ${tasks.length} open "${elementId}" tasks (visible: ${visible || 'none'})`);
    }
    await this.submit(tasks[0] as TaskView, form, role);
  }

  async completeAll(role: Person, instanceId: string, elementId: string, forms: readonly JsonObject[]): Promise<void> {
    const tasks = (await this.tasks(role, instanceId)).filter((t) => t.elementId === elementId);
    if (tasks.length < forms.length) throw new Error(`${role} sees ${tasks.length} open "${elementId}" tasks, ${forms.length} forms given`);
    for (const [index, form] of forms.entries()) await this.submit(tasks[index] as TaskView, form, role);
  }

  async publish(name: string, correlationKey: string, variables: JsonObject = {}): Promise<void> {
    await this.engine.publish(name, correlationKey, variables);
    await this.afterStep();
  }

  async advance(duration: string): Promise<void> {
    await this.engine.clock.advance(duration);
    await this.afterStep();
  }

  async advanceTo(dateTime: string): Promise<void> {
    const target = Date.parse(dateTime);
    if (Number.isNaN(target) || target < this.engine.clock.now()) throw new Error(`cannot move the clock back or to ${dateTime}`);
    await this.engine.clock.set(target);
    await this.afterStep();
  }

  async variables(instanceId: string): Promise<JsonObject> {
    return this.engine.getInstance(instanceId).variables;
  }

  async status(instanceId: string): Promise<'active' | 'completed' | 'terminated'> {
    return this.engine.getInstance(instanceId).status;
  }

  async visits(instanceId: string, elementId: string): Promise<number> {
    return this.engine.getInstance(instanceId).history.filter((h) => h.elementId === elementId && h.event === 'entered').length;
  }

  async publicReplies(instanceId: string): Promise<string[]> {
    return this.replies.filter((r) => r.instanceId === instanceId).map((r) => r.body);
  }

  async notifications(instanceId?: string): Promise<SentNotification[]> {
    return this.sent.filter((n) => instanceId === undefined || n.instanceId === instanceId);
  }

  async cases(processId: string): Promise<string[]> {
    return this.engine.instanceIds().filter((id) => this.engine.getInstance(id).processId === processId);
  }

  async calledCases(instanceId: string): Promise<string[]> {
    return this.engine.childrenOf(instanceId);
  }

  /** Incidents anywhere in the case: a scenario that ends with one has found a defect. */
  async incidents(instanceId: string): Promise<string[]> {
    return this.caseTree(instanceId).flatMap((id) => this.engine.getInstance(id).incidents.map((i) => `${i.elementId}: ${i.message}`));
  }

  /** Completes the task as `person`, if the runtime's rules let them (else rejects with 403). */
  private async submit(task: TaskView, form: JsonObject, person: Person): Promise<void> {
    if (!mayCompleteTask(this.actorOf(person), { community: COMMUNITY, status: 'open', assignee: task.assignee, candidateUsers: [], candidateGroups: task.candidateGroups })) {
      throw new Error(`403 ${userOf(person)} 不能办理任务 ${task.elementId}（已派给 ${task.assignee ?? '无人'}）/ may not complete it`);
    }
    const context = this.engine.getInstance(task.instanceId).variables;
    const data = task.formId ? this.validate(task.formId, form, context) : form;
    await this.engine.completeUserTask(task.id, data);
    await this.afterStep();
  }

  /** The signed-in person as the runtime's rules see them: one role in the community; `street` is the sub-district admin. */
  private actorOf(person: Person): Actor {
    const role = roleOf(person);
    return { ...anonymousActor, kind: 'user', userId: userOf(person), community: COMMUNITY, roles: [role], isSubDistrictAdmin: role === 'street' };
  }

  private validate(formId: string, data: JsonObject, context: JsonObject): JsonObject {
    const form = this.forms.get(formId);
    if (!form) throw new Error(`form ${formId} is missing from definitions/forms`);
    return validateFormData(form, data, {
      context,
      env: { now: this.engine.clock.now(), timeZone: 'Asia/Shanghai', calendar, warn: () => {} },
    });
  }

  private caseTree(instanceId: string): string[] {
    return [instanceId, ...this.engine.childrenOf(instanceId).flatMap((child) => this.caseTree(child))];
  }

  private rootOf(instanceId: string): string {
    const parent = this.engine.getInstance(instanceId).state.parent;
    return parent ? this.rootOf(parent.instanceId) : instanceId;
  }

  private instanceOfJob(jobKey: string): string {
    for (const id of this.engine.instanceIds()) {
      if (this.engine.getInstance(id).state.elements[jobKey] !== undefined) return id;
    }
    throw new Error(`no instance holds job ${jobKey}`);
  }
}

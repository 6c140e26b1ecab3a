import type { JsonObject } from '../../../engine/index.js';
import { parseDurationMs } from '../../../engine/host/controllable-clock.js';
import { START_TIMER_KIND } from '../../../runtime/services/start-timers.js';
import { queryOf, type SignedInUser } from './rest-client.js';
import { groupNotifications, shanghaiTime, type RestComment, type RestHistoryEntry, type RestInstance, type RestNotification, type RestTask } from './rest-views.js';
import type { RestWorld, ScenarioCommunity } from './rest-world.js';
import type { Person, Role, ScenarioDriver, SentNotification, TaskView } from './scenario-driver.js';

/** Staff who read cases, variables and history: the residents' committee sees every case of its community. */
const reader: Role = 'rc';

/**
 * Runs scenarios through the REST API as the people of each role, signed in with their own
 * session cookie and CSRF token: they start cases (the start route checks who may), look at
 * their inbox (only tasks their role may see), claim and complete with form data (validated on
 * the server), read cases, replies and notifications the way the app shows them to them.
 * Integrations publish messages with the community's worker token.
 *
 * Two things have no route, so the harness does them and says so: moving the clock, and running
 * the job executor (notifications, public replies, timers) after each step. A scenario's bylaw
 * settings are the community's: its admin sets them with `PUT /api/bylaw` before the case
 * starts, and the runtime hands them to the new case as the variable `bylaw`.
 */
export class RestDriver implements ScenarioDriver {
  private readonly starters = new Map<string, Person>();
  /** Second persons of a role (`bl-2`) given the role in this community. */
  private readonly colleagues = new Map<Person, SignedInUser>();
  /** Tracking codes of cases residents submitted on the public page without an account. */
  private readonly trackingCodes = new Map<string, string>();
  /** Called cases seen so far (a call activity names its case only while it runs). */
  private readonly children = new Map<string, string[]>();
  private readonly parents = new Map<string, string>();
  /** Whether this community's bylaw differs from the defaults (a later start without settings resets it). */
  private bylawChanged = false;

  private constructor(private readonly community: ScenarioCommunity) {}

  static async create(world: RestWorld, now: number): Promise<RestDriver> {
    return new RestDriver(await world.newCommunity(now));
  }

  private get world(): RestWorld {
    return this.community.world;
  }

  private person(role: Person): SignedInUser {
    const person = this.community.people.get(role as Role) ?? this.colleagues.get(role);
    if (person === undefined) throw new Error(`no signed-in person ${role} in this community (a second person: call colleague first)`);
    return person;
  }

  /** Makes sure a second person of a role (`bl-2`) holds it in this community. */
  private async colleague(person: Person): Promise<void> {
    if (this.community.people.has(person as Role) || this.colleagues.has(person)) return;
    this.colleagues.set(person, await this.world.colleague(this.community.id, person));
  }

  private call<T>(role: Person, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object): Promise<T> {
    return this.person(role).call<T>(this.community.id, method, url, payload);
  }

  async start(processId: string, role: Person, form: JsonObject, settings?: { readonly bylaw: JsonObject }): Promise<string> {
    if (settings !== undefined || this.bylawChanged) {
      await this.community.admin.call(this.community.id, 'PUT', '/api/bylaw', {
        settings: settings?.bylaw ?? {},
        reason: settings ? '业主大会修订本居民区规约 / the owners amended the community bylaw' : '恢复缺省规约参数 / back to the default settings',
      });
      this.bylawChanged = settings !== undefined;
    }
    await this.colleague(role);
    const started = await this.call<{ id: string }>(role, 'POST', '/api/instances', { processKey: processId, variables: form });
    this.starters.set(started.id, role);
    await this.world.settle();
    return started.id;
  }

  /**
   * A resident without an account submits on the public intake page: answers the check question,
   * sends the start form, keeps the tracking code. Staff then find the new case in their case list.
   */
  async submitPublicly(processId: string, form: JsonObject): Promise<string> {
    const known = new Set(await this.cases(processId));
    const challenge = await this.anonymous<{ challengeId: string; question: string }>('GET', '/api/public/challenge');
    const sum = /What is (\d+) plus (\d+)/.exec(challenge.question);
    if (sum === null) throw new Error(`cannot read the check question: ${challenge.question}`);
    const answer = String(Number(sum[1]) + Number(sum[2]));
    const { trackingCode } = await this.anonymous<{ trackingCode: string }>('POST', `/api/public/communities/${this.community.id}/intake`, {
      processKey: processId,
      variables: form,
      challengeId: challenge.challengeId,
      answer,
    });
    const id = (await this.cases(processId)).find((candidate) => !known.has(candidate));
    if (id === undefined) throw new Error(`the public submission of ${processId} started no case staff can see`);
    this.trackingCodes.set(id, trackingCode);
    await this.world.settle();
    return id;
  }

  /** What the resident sees with the tracking code: status and public replies, nothing else. */
  track(instanceId: string): Promise<JsonObject> {
    const code = this.trackingCodes.get(instanceId);
    if (code === undefined) throw new Error(`case ${instanceId} was not submitted on the public page`);
    return this.anonymous<JsonObject>('POST', '/api/public/track', { code });
  }

  /** A request from the resident's own browser, signed in as nobody (each scenario's resident at an address of their own). */
  private async anonymous<T>(method: 'GET' | 'POST', url: string, payload?: object): Promise<T> {
    const response = await this.world.test.app.inject({ method, url, remoteAddress: this.community.address, ...(payload === undefined ? {} : { payload }) });
    if (response.statusCode >= 300) throw new Error(`${method} ${url} → ${response.statusCode} ${response.body}`);
    return response.json() as T;
  }

  /**
   * The role's two inbox tabs as the designer asks for them (use-task-inbox.ts): "mine" (open,
   * assigned to me) and "claimable" (open, unassigned, for me or my roles), per case. A
   * sub-district admin may see every task, but works only on what is addressed to `street`.
   */
  async tasks(role: Person, instanceId: string): Promise<TaskView[]> {
    await this.colleague(role);
    const person = this.person(role);
    const found = new Map<string, RestTask>();
    for (const id of await this.caseTree(instanceId)) {
      for (const tab of [{ assignee: person.userId }, { candidate: 'me', assignee: 'none' }]) {
        for (const task of await person.all<RestTask>(this.community.id, `/api/tasks${queryOf({ instanceId: id, status: 'open', sort: 'createdAt:asc', ...tab })}`)) found.set(task.id, task);
      }
    }
    return [...found.values()]
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : 1))
      .map((t) => ({
        id: t.id,
        instanceId: t.instanceId,
        elementId: t.elementId,
        name: t.name,
        candidateGroups: t.candidateGroups,
        formId: t.formId,
        dueDate: t.dueDate === null ? null : shanghaiTime(t.dueDate),
        assignee: t.assignee,
      }));
  }

  async complete(role: Person, instanceId: string, elementId: string, form: JsonObject): Promise<void> {
    const visible = await this.tasks(role, instanceId);
    const tasks = visible.filter((t) => t.elementId === elementId);
    if (tasks.length !== 1) {
      throw new Error(`${role} sees ${tasks.length} open "${elementId}" tasks (visible: ${visible.map((t) => t.elementId).join(', ') || 'none'})`);
    }
    await this.submit(role, tasks[0] as TaskView, form);
  }

  async completeAll(role: Person, instanceId: string, elementId: string, forms: readonly JsonObject[]): Promise<void> {
    const tasks = (await this.tasks(role, instanceId)).filter((t) => t.elementId === elementId);
    if (tasks.length < forms.length) throw new Error(`${role} sees ${tasks.length} open "${elementId}" tasks, ${forms.length} forms given`);
    for (const [index, form] of forms.entries()) await this.submit(role, tasks[index] as TaskView, form);
  }

  /** Claims the task from the role's inbox (unless it is already theirs), then completes it with the form data. */
  private async submit(role: Person, task: TaskView, form: JsonObject): Promise<void> {
    if (task.assignee !== this.person(role).userId) await this.call(role, 'POST', `/api/tasks/${task.id}/claim`);
    await this.call(role, 'POST', `/api/tasks/${task.id}/complete`, { variables: form });
    await this.world.settle();
  }

  /** `POST /api/tasks/:id/complete` as `person`, straight away (no claim): the runtime's rules decide. */
  async submitTask(person: Person, taskId: string, form: JsonObject): Promise<void> {
    await this.colleague(person);
    await this.call(person, 'POST', `/api/tasks/${taskId}/complete`, { variables: form });
    await this.world.settle();
  }

  /**
   * The community admin reassigns the open task: finds it on the case (its active element; the
   * task list shows an admin only tasks addressed to them), then `POST /api/tasks/:id/assign`
   * with a reason (audited).
   */
  async reassign(instanceId: string, elementId: string, person: Person, reason: string): Promise<void> {
    await this.colleague(person);
    const found: string[] = [];
    for (const id of await this.caseTree(instanceId)) {
      const details = await this.community.admin.call<RestInstance>(this.community.id, 'GET', `/api/instances/${id}`);
      for (const element of details.activeElements) if (element.elementId === elementId) found.push(element.elementInstanceId);
    }
    if (found.length !== 1) throw new Error(`${found.length} open "${elementId}" tasks in ${instanceId}`);
    await this.community.admin.call(this.community.id, 'POST', `/api/tasks/${found[0] ?? ''}/assign`, { assignee: this.person(person).userId, reason });
  }

  /** As an integration would: `POST /api/messages` with the community's job-worker token. */
  async publish(name: string, correlationKey: string, variables: JsonObject = {}): Promise<void> {
    const response = await this.world.test.app.inject({
      method: 'POST',
      url: '/api/messages',
      headers: { authorization: this.community.workerAuthorization },
      payload: { name, correlationKey, variables },
    });
    if (response.statusCode >= 300) throw new Error(`POST /api/messages ${name} → ${response.statusCode} ${response.body}`);
    await this.world.settle();
  }

  async advance(duration: string): Promise<void> {
    await this.advanceTo(new Date(this.world.now() + parseDurationMs(duration)).toISOString());
  }

  /**
   * Harness only (no route moves time): steps the clock from one due timer to the next, running
   * the executor at each, so each timer fires at its own due time and the ones it arms count from
   * there, then stops at the target.
   */
  async advanceTo(dateTime: string): Promise<void> {
    const target = Date.parse(dateTime);
    if (Number.isNaN(target) || target < this.world.now()) throw new Error(`cannot move the clock back or to ${dateTime}`);
    await this.world.settle();
    for (;;) {
      const row = await this.world.db.get(`SELECT MIN(due_at) AS due FROM wf_job WHERE status = 'active' AND kind IN ('timer', ?) AND due_at > ? AND due_at <= ?`, [
        START_TIMER_KIND,
        this.world.now(),
        target,
      ]);
      const due = row?.due === null || row?.due === undefined ? null : Number(row.due);
      if (due === null) break;
      this.world.setClock(due);
      await this.world.settle();
    }
    this.world.setClock(target);
    await this.world.settle();
  }

  private instance(instanceId: string): Promise<RestInstance> {
    return this.call<RestInstance>(reader, 'GET', `/api/instances/${instanceId}`);
  }

  async variables(instanceId: string): Promise<JsonObject> {
    return (await this.instance(instanceId)).variables;
  }

  async status(instanceId: string): Promise<'active' | 'completed' | 'terminated'> {
    return (await this.instance(instanceId)).status;
  }

  async visits(instanceId: string, elementId: string): Promise<number> {
    const history = await this.person(reader).all<RestHistoryEntry>(this.community.id, `/api/instances/${instanceId}/history`);
    return history.filter((h) => h.type === 'element.entered' && h.elementId === elementId).length;
  }

  /**
   * A case submitted on the public page is read with its tracking code; one a signed-in resident started, in the resident's own case view; one staff started on a
   * resident's behalf (suggestion box, phone) has no account behind it, so its public replies are
   * read as staff see them on the case, the public ones only.
   */
  async publicReplies(instanceId: string): Promise<string[]> {
    if (this.trackingCodes.has(instanceId)) return ((await this.track(instanceId))['replies'] as { body: string }[]).map((r) => r.body);
    const byResident = this.starters.get(instanceId) === 'resident';
    const cases = byResident ? [instanceId] : await this.caseTree(instanceId);
    const comments: RestComment[] = [];
    for (const id of cases) comments.push(...(await this.person(byResident ? 'resident' : reader).all<RestComment>(this.community.id, `/api/instances/${id}/comments?visibility=public`)));
    return comments.sort((a, b) => (a.id < b.id ? -1 : 1)).map((c) => c.body);
  }

  /** What every role's people find in their in-app notifications, joined per sending. */
  async notifications(instanceId?: string): Promise<SentNotification[]> {
    const rows = new Map<string, RestNotification>();
    for (const role of this.community.people.keys()) {
      for (const row of await this.person(role).all<RestNotification>(this.community.id, '/api/notifications')) rows.set(row.id, row);
    }
    const sent = groupNotifications([...rows.values()]).map((n) => ({ ...n, instanceId: this.rootOf(n.instanceId) }));
    return sent.filter((n) => instanceId === undefined || n.instanceId === instanceId);
  }

  async cases(processId: string): Promise<string[]> {
    const found = await this.person(reader).all<{ id: string; startedAt: string }>(this.community.id, `/api/instances${queryOf({ processKey: processId })}`);
    return found.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id)).map((i) => i.id);
  }

  async calledCases(instanceId: string): Promise<string[]> {
    await this.caseTree(instanceId);
    return this.children.get(instanceId) ?? [];
  }

  /** Open incidents anywhere in the case, as staff see them on the case. */
  async incidents(instanceId: string): Promise<string[]> {
    const found: string[] = [];
    for (const id of await this.caseTree(instanceId)) {
      for (const incident of (await this.instance(id)).incidents) if (incident.status === 'open') found.push(`${incident.elementId}: ${incident.message}`);
    }
    return found;
  }

  /** The case and the cases its call activities started (remembered once seen), depth first. */
  private async caseTree(instanceId: string): Promise<string[]> {
    const details = await this.instance(instanceId);
    const known = this.children.get(instanceId) ?? [];
    for (const element of details.activeElements) {
      if (element.calledInstanceId !== null && !known.includes(element.calledInstanceId)) {
        known.push(element.calledInstanceId);
        this.parents.set(element.calledInstanceId, instanceId);
      }
    }
    this.children.set(instanceId, known);
    const tree = [instanceId];
    for (const child of known) tree.push(...(await this.caseTree(child)));
    return tree;
  }

  private rootOf(instanceId: string): string {
    const parent = this.parents.get(instanceId);
    return parent === undefined ? instanceId : this.rootOf(parent);
  }
}

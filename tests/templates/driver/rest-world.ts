import { readdirSync, readFileSync } from 'node:fs';
import { buildIdentityTestApp, type IdentityTestApp } from '../../../runtime/identity/testing/identity-test-app.js';
import { givenUser, testPassword } from '../../../runtime/identity/testing/identity-fixtures.js';
import type { SqlDatabase } from '../../../runtime/persistence/sql-database.js';
import type { JobExecutor } from '../../../runtime/services/job-executor.js';
import { SignedInUser } from './rest-client.js';
import { roleOf, userOf, type Person, type Role } from './scenario-driver.js';

const definitionsDir = new URL('../../../definitions/', import.meta.url);

/** The community roles a scenario acts as (DOMAIN.md), one person each. */
const communityRoles: readonly Role[] = ['party', 'rc', 'oc', 'pm', 'bl', 'vol', 'rep', 'resident'];

/** A community set up for one scenario: its people signed in, every template deployed. */
export interface ScenarioCommunity {
  readonly id: string;
  readonly world: RestWorld;
  /** One person per role, each holding only that role here; `street` is the sub-district admin. */
  readonly people: ReadonlyMap<Role, SignedInUser>;
  /** The community admin: the sub-district admin, who acts as admin (and `street`) in every community. */
  readonly admin: SignedInUser;
  /** `Authorization` header of the community's job-worker API token (message publishing). */
  readonly workerAuthorization: string;
  /** The network address the community's residents use the public pages from (limits are per address). */
  readonly address: string;
}

/** The shipped definitions in the order `deployTemplates` uses: forms first, then processes. */
function shippedDefinitions(): { kind: 'form' | 'bpmn'; content: string }[] {
  const read = (folder: string, suffix: string, kind: 'form' | 'bpmn') =>
    readdirSync(new URL(folder, definitionsDir))
      .filter((name) => name.endsWith(suffix))
      .sort()
      .map((name) => ({ kind, content: readFileSync(new URL(`${folder}${name}`, definitionsDir), 'utf8') }));
  return [...read('forms/', '.form.json', 'form'), ...read('templates/', '.bpmn', 'bpmn')];
}

/**
 * The runtime's HTTP app with identity on a throwaway database (SQLite, or PostgreSQL with
 * DATABASE_URL), shared by the scenarios of one test file. Each scenario gets a community of its
 * own, so cases, tasks, notifications and replies of one scenario never show in another; the
 * people are the same accounts, given their role in each new community by the admin.
 *
 * The clock and the job executor are the harness's: no route moves time, and the executor is
 * not started, so the scenario runs it (`settle`) after every step, deterministically.
 */
export class RestWorld {
  private readonly people = new Map<Role, SignedInUser>();
  /** Second persons of a role (`bl-2`), made the first time a scenario needs one. */
  private readonly colleagues = new Map<Person, SignedInUser>();
  private communities = 0;

  private constructor(
    readonly test: IdentityTestApp,
    private readonly admin: SignedInUser,
  ) {
    // `street` is reserved to the sub-district: its admins hold it in every community (runtime/identity/roles.ts).
    this.people.set('street', admin);
  }

  static async open(): Promise<RestWorld> {
    const test = await buildIdentityTestApp();
    // The first account must exist before anyone can sign in; `npm start`'s seed does the same.
    // No route makes a sub-district admin, so the fixture does; everyone else is made over HTTP.
    await givenUser(test.identity, { id: 'street-admin', subDistrictAdmin: true });
    const admin = new SignedInUser(test.app, 'street-admin', testPassword);
    await admin.signIn();
    return new RestWorld(test, admin);
  }

  get db(): SqlDatabase {
    return this.test.workflow.db;
  }

  get executor(): JobExecutor {
    const executor = this.test.workflow.executor;
    if (executor === undefined) throw new Error('the workflow service has no job executor');
    return executor;
  }

  now(): number {
    return this.test.harness.clock.now();
  }

  /**
   * Sets the harness clock. Scenarios start at fixed dates, so a new scenario may set it back:
   * the cases of earlier scenarios live in other communities and nothing here reads them.
   */
  setClock(ms: number): void {
    this.test.harness.clock.value = ms;
  }

  /** Runs built-in jobs (notifications, public replies) and due timers until nothing is left. */
  async settle(): Promise<void> {
    for (let round = 0; round < 100; round++) {
      if ((await this.executor.runOnce()) === 0) return;
    }
    throw new Error('the job executor still had work after 100 rounds');
  }

  /** A new community at time `now`: roles, people, every shipped template, a worker token. */
  async newCommunity(now: number): Promise<ScenarioCommunity> {
    this.setClock(now);
    this.communities += 1;
    const id = `scenario-${this.communities}`;
    const admin = this.admin;
    await admin.call(null, 'POST', '/api/communities', { id, name: `场景居民区 ${this.communities}` });
    for (const role of communityRoles) await this.givePerson(id, role);
    for (const definition of shippedDefinitions()) await admin.call(id, 'POST', '/api/definitions', definition);
    const token = await admin.call<{ token: string }>(id, 'POST', '/api/tokens', { name: '场景消息 / scenario messages', scope: 'worker' });
    await this.settle();
    const address = `10.8.${Math.floor(this.communities / 250)}.${(this.communities % 250) + 1}`;
    return { id, world: this, people: this.people, admin, workerAuthorization: `Bearer ${token.token}`, address };
  }

  /** Creates the role's person the first time (one-time password, changed at first sign-in), else grants the role here. */
  private async givePerson(community: string, role: Role): Promise<void> {
    this.people.set(role, await this.personIn(community, role, this.people.get(role)));
  }

  /** A second person holding a role in `community` (e.g. another 楼组长): made the first time, else given the role here. */
  async colleague(community: string, person: Person): Promise<SignedInUser> {
    const signedIn = await this.personIn(community, person, this.colleagues.get(person));
    this.colleagues.set(person, signedIn);
    return signedIn;
  }

  private async personIn(community: string, person: Person, existing: SignedInUser | undefined): Promise<SignedInUser> {
    const role = roleOf(person);
    const userId = userOf(person);
    if (existing) {
      await this.admin.call(community, 'PUT', `/api/users/${userId}/roles`, { roles: [role], reason: '场景测试：分配角色 / scenario: role granted' });
      return existing;
    }
    const created = await this.admin.call<{ oneTimePassword: string }>(community, 'POST', '/api/users', { id: userId, displayName: `${person} 用户`, roles: [role] });
    const signedIn = new SignedInUser(this.test.app, userId, created.oneTimePassword);
    await signedIn.signIn();
    await signedIn.changePassword(`${testPassword} ${person}`, community);
    return signedIn;
  }

  async close(): Promise<void> {
    await this.test.close();
  }
}

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryEngine, type JsonObject } from '../../engine/index.js';
import { CommunityStore } from '../../runtime/identity/community-store.js';
import { toText } from '../../runtime/persistence/sql-database.js';
import { createServiceHarness, type ServiceHarness } from '../../runtime/services/test-service.js';
import type { SqlWorkflowService } from '../../runtime/services/sql-workflow-service.js';
import { deployMonthlyReport, monthlyReportBpmn } from '../../runtime/stats/deploy-monthly-report.js';

const xml = readFileSync(monthlyReportBpmn, 'utf8');
const quiet = { info: () => undefined, warn: (obj: object) => expect.fail(`unexpected warning ${JSON.stringify(obj)}`) };

describe('monthly-report process', () => {
  it('should start itself on the first of the month and tell the residents committee which month to print', async () => {
    // given the process deployed in late November 2026
    const engine = new InMemoryEngine({ now: Date.parse('2026-11-28T09:00:00+08:00') });
    const sent: JsonObject[] = [];
    engine.registerWorker('linli:notify:1', async (job) => {
      sent.push(job.headers as unknown as JsonObject); // headers are a string map; kept as JSON for the assertion
    });
    await engine.deploy(xml);

    // when the clock passes 1 December 08:30
    await engine.clock.set(Date.parse('2026-12-01T09:00:00+08:00'));

    // then one case runs for November: the notice went out and the review task waits for the committee
    const [id] = engine.instanceIds();
    expect(engine.instanceIds()).toHaveLength(1);
    expect(engine.getInstance(id ?? '').variables.reportMonth).toBe('2026-11');
    expect(sent).toEqual([expect.objectContaining({ groups: 'rc,party' })]);
    expect(engine.userTasks().map((task) => task.elementId)).toEqual(['Task_Review']);
  });

  it('should report December for the run on 1 January, across the year end, with no catch-up run at deployment', async () => {
    // given the process deployed after the December run
    const engine = new InMemoryEngine({ now: Date.parse('2026-12-02T09:00:00+08:00') });
    engine.registerWorker('linli:notify:1', async () => undefined);
    await engine.deploy(xml);

    // when
    await engine.clock.set(Date.parse('2027-01-01T09:00:00+08:00'));

    // then only the January run, for December
    const months = engine.instanceIds().map((id) => engine.getInstance(id).variables.reportMonth);
    expect(months).toEqual(['2026-12']);
  });
});

describe('monthly-report process deployed at start-up on the real runtime', () => {
  let harness: ServiceHarness;
  let service: SqlWorkflowService;
  const communities = ['dongming-01', 'dongming-02'];

  beforeAll(async () => {
    harness = await createServiceHarness();
    harness.clock.value = Date.parse('2026-11-28T09:00:00+08:00');
    service = await harness.open();
    const store = new CommunityStore(service.db, harness.clock.now);
    await store.ensureSubDistrict('dongming', '东明路街道');
    for (const [i, id] of communities.entries()) await store.create({ id, subDistrictId: 'dongming', name: `示范居民区 ${i + 1}` });
  });

  afterAll(async () => {
    await harness.dispose();
  });

  /** What `npm start` does after a (re)start, then the executor's rounds. */
  async function restartAt(iso: string): Promise<void> {
    await service.close();
    harness.clock.value = Date.parse(iso);
    service = await harness.open();
    expect(await deployMonthlyReport(service, quiet)).toBe(0); // unchanged: no new version, start timer left armed
    for (let round = 0; round < 3; round++) await service.executor!.runOnce();
  }

  async function reportMonths(community: string): Promise<unknown[]> {
    const cases = (await service.listInstances({ community, processKey: 'monthly-report' })).items;
    const months: unknown[] = [];
    for (const c of cases) months.push((await service.getInstance({ community, id: c.id })).variables.reportMonth);
    return months.sort();
  }

  it('should deploy into every community, start one case per community on the 1st, and never a second after restarts', async () => {
    // given start-up in late November deploys the process everywhere
    expect(await deployMonthlyReport(service, quiet)).toBe(communities.length + 1); // + the template community `demo`
    await service.executor!.runOnce();
    for (const community of communities) expect(await reportMonths(community)).toEqual([]);

    // when the server restarts on 1 December after 08:30, and again an hour later
    await restartAt('2026-12-01T08:45:00+08:00');
    await restartAt('2026-12-01T09:45:00+08:00');

    // then each community has exactly one case, for November, and its secretaries were told where the report is
    for (const community of communities) {
      expect(await reportMonths(community)).toEqual(['2026-11']);
      const notices = await service.db.all("SELECT recipient_group, title, body FROM wf_notification WHERE community = ? ORDER BY recipient_group", [community]);
      expect(notices.map((n) => toText(n.recipient_group))).toEqual(['party', 'rc']);
      expect(toText(notices[1]?.title)).toBe('2026-11 社区治理月度报告已生成');
      expect(toText(notices[1]?.body)).toContain('/stats/report?month=2026-11');
      const tasks = await service.queryTasks({ community, processKey: 'monthly-report' });
      expect(tasks.items.map((t) => t.elementId)).toEqual(['Task_Review']);
    }

    // when the server is down over 1 January and comes back on the 2nd, then runs to mid-January
    await restartAt('2027-01-02T10:00:00+08:00');
    await restartAt('2027-01-15T10:00:00+08:00');

    // then exactly one more case per community, for December
    for (const community of communities) expect(await reportMonths(community)).toEqual(['2026-11', '2026-12']);
  });
});

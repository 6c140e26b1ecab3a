import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkingCalendar, defaultCalendarYears } from '../../engine/calendar/index.js';
import type { JsonObject } from '../../engine/state/json.js';
import { canonicalFormDefinition } from '../../runtime/forms/form-schema.js';
import type { SqlDatabase } from '../../runtime/persistence/sql-database.js';
import { createTestDatabase, type TestDatabase } from '../../runtime/persistence/test-database.js';
import { openWorkflowService } from '../../runtime/services/create-workflow-service.js';
import type { SqlWorkflowService } from '../../runtime/services/sql-workflow-service.js';
import { caseMeasures } from '../../runtime/stats/case-measures.js';
import { backfillCaseSummaries, refreshCaseSummary } from '../../runtime/stats/case-summary.js';
import { publicBoard } from '../../runtime/stats/public-board.js';

const definitions = new URL('../../definitions/', import.meta.url);
const calendar = createWorkingCalendar(defaultCalendarYears);
const acting = { community: 'c1', userId: 'secretary' };

describe('statistics over a complaint the real runtime ran', () => {
  let testDb: TestDatabase;
  let service: SqlWorkflowService;
  let db: SqlDatabase;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    // The job executor is not started: the test runs its rounds, so each step finds the built-in jobs before it (notification, public reply) done.
    service = await openWorkflowService({ ...testDb.options, jobExecutor: false });
    db = service.db;
    for (const name of readdirSync(new URL('forms/', definitions)).filter((n) => n.startsWith('complaint-'))) {
      await service.deployDefinition({ ...acting, kind: 'form', content: canonicalFormDefinition(readFileSync(new URL(`forms/${name}`, definitions), 'utf8')) });
    }
    await service.deployDefinition({ ...acting, kind: 'bpmn', content: readFileSync(new URL('templates/complaint.bpmn', definitions), 'utf8') });
  });

  afterAll(async () => {
    await service.close();
    await testDb.drop();
  });

  async function complete(instanceId: string, elementId: string, variables: JsonObject): Promise<void> {
    for (;;) {
      const page = await service.queryTasks({ community: 'c1', instanceId, elementId });
      const task = page.items[0];
      if (task !== undefined) {
        await service.completeTask({ ...acting, taskId: task.id, variables });
        return;
      }
      // the job executor publishes the reply between steps; with nothing left for it to do, the task is not coming
      if ((await runExecutor()) === 0) throw new Error(`no task ${elementId}`);
    }
  }

  /** Runs executor rounds until one finds nothing due; returns how many items they handled. */
  async function runExecutor(): Promise<number> {
    let handled = 0;
    for (let round = await service.executor!.runOnce(); round > 0; round = await service.executor!.runOnce()) handled += round;
    return handled;
  }

  it('should count the case as responded, solved and satisfied and publish it without the complainant', async () => {
    // given a resident's complaint that consents to publication, handled end to end
    const started = await service.startInstance({
      community: 'c1',
      userId: 'resident-1',
      processKey: 'complaint',
      variables: { category: 'repair', building: 3, unit: 2, room: '301室', complainantName: '张三', phone: '13800000001', description: '楼道灯坏了', channel: 'phone', consentPublic: true },
    });
    const id = started.id;
    await complete(id, 'Task_Accept', { acceptDecision: 'accept' });
    await complete(id, 'Task_Dispatch', { handlerGroup: 'pm', urgency: 'fast', dispatchNote: '请物业处理' });
    await complete(id, 'Task_Handle', { handleNote: '已更换灯泡', requestExtension: false });
    await complete(id, 'Task_Reply', { replyText: '楼道灯已更换，感谢反映。' });
    await complete(id, 'Task_Revisit', { satisfaction: 'satisfied', revisitNote: '居民满意' });
    await runExecutor();
    expect((await service.getInstance({ community: 'c1', id })).status).toBe('completed');

    // when
    const now = Date.now();
    const [row] = await caseMeasures(db, calendar, { communities: ['c1'], from: now - 86_400_000, to: now + 1, now }, 'handler');
    const board = await publicBoard(db, calendar, 'c1', now);

    // then
    expect(row).toMatchObject({ group: 'pm', cases: 1, closed: 1, responseMeasured: 1, respondedInTime: 1, solved: 1, satisfied: 1, overdue: 0 });
    expect(board.cases).toEqual([expect.objectContaining({ processKey: 'complaint', category: 'repair', building: '3', status: 'closed', publicReply: '楼道灯已更换，感谢反映。' })]);
    expect(JSON.stringify(board)).not.toMatch(/张三|13800000001|301室|楼道灯坏了/);
  });

  it('should write a summary row only when something it holds has changed', async () => {
    // given the completed case above
    const [{ instance_id: id }] = (await db.all('SELECT instance_id FROM wf_case_summary')) as [{ instance_id: string }];

    // when its summary is refreshed with nothing changed, then after its category was corrected
    const unchanged = await refreshCaseSummary(db, id);
    await db.run("UPDATE wf_instance_variable SET text_value = 'parking' WHERE instance_id = ? AND name = 'category'", [id]);
    const changed = await refreshCaseSummary(db, id);
    await db.run("UPDATE wf_instance_variable SET text_value = 'repair' WHERE instance_id = ? AND name = 'category'", [id]);
    await refreshCaseSummary(db, id);

    // then only the second refresh wrote the row
    expect([unchanged, changed]).toEqual([0, 1]);
  });

  it('should hold in the case summary the commands kept exactly what a fresh backfill computes', async () => {
    // given the summary rows the command processor wrote, case by case, for the cases above
    const kept = await db.all('SELECT * FROM wf_case_summary ORDER BY instance_id');
    expect(kept).toEqual([expect.objectContaining({ process_key: 'complaint', status: 'completed', first_task_status: 'completed', satisfaction: 'satisfied', category: 'repair', handler: 'pm' })]);

    // when the table is emptied and filled again as migration 0006 fills an existing database
    await db.run('DELETE FROM wf_case_summary');
    await backfillCaseSummaries(db);

    // then row for row the same
    expect(await db.all('SELECT * FROM wf_case_summary ORDER BY instance_id')).toEqual(kept);
  });
});

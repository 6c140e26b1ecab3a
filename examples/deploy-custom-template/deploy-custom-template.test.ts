import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateUrl } from '../../definitions/index.js';
import { elementDiff } from '../../runtime/library/element-diff.js';
import { LinliClient } from '../shared/linli-client.js';
import { runExample } from '../shared/run-example.js';
import { examplePassword, firstSignIn, startLinliServer, type LinliServer } from '../shared/start-linli-server.js';
import { customiseTemplate } from './deploy-custom-template.js';

const script = 'examples/deploy-custom-template/deploy-custom-template.ts';

/** A phone complaint a staff member records for a resident (the intake form's fields). */
const complaint = {
  complainantName: '王阿姨',
  phone: '13800138000',
  building: 12,
  unit: 3,
  room: '301',
  category: 'repair',
  description: '12号楼3单元楼道灯坏了一个星期，晚上上下楼很不安全。',
  channel: 'phone',
  consentPublic: true,
};

interface Task {
  id: string;
  elementId: string;
  candidateGroups: string[];
  dueDate: string | null;
}

describe('example: deploy a community’s customised copy of a template', () => {
  let server: LinliServer;
  let admin: LinliClient;
  let worker: LinliClient;

  const startComplaint = async () => {
    const instance = await admin.call<{ id: string; definitionVersion: number }>('POST', '/api/instances', { processKey: 'complaint', variables: complaint });
    // the 受理 task as it shows in the residents' committee worker's inbox
    const page = await worker.call<{ items: Task[] }>('GET', `/api/tasks?instanceId=${instance.id}&elementId=Task_Accept`);
    const [task] = page.items;
    if (task === undefined) throw new Error('受理 task missing');
    return { version: instance.definitionVersion, task };
  };

  beforeAll(async () => {
    server = await startLinliServer();
    await firstSignIn(server, 'demo-admin');
    admin = (await LinliClient.signIn(server.url, 'demo-admin', examplePassword)).client;
    await firstSignIn(server, 'demo-rc');
    worker = (await LinliClient.signIn(server.url, 'demo-rc', examplePassword)).client;
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('should publish the copy as version 2, used by the next case while the running case keeps version 1', async () => {
    // given
    const before = await startComplaint();

    // when
    const run = await runExample(script, {
      LINLI_URL: server.url,
      LINLI_USER: 'demo-admin',
      LINLI_PASSWORD: examplePassword,
      LINLI_TEMPLATE: 'complaint',
      LINLI_TASK: 'Task_Accept',
      LINLI_CANDIDATE_GROUPS: 'rc,party',
      LINLI_DUE_WORKING_DAYS: '3',
    }).done;
    const after = await startComplaint();

    // then
    expect(run.code, run.stderr).toBe('0');
    expect(run.stdout).toContain('已发布 complaint 第 2 版');
    expect(before.version).toBe(1);
    expect(before.task.candidateGroups).toEqual(['rc']);
    expect(after.version).toBe(2);
    expect(after.task.candidateGroups).toEqual(['rc', 'party']);
    expect(Date.parse(after.task.dueDate ?? '')).toBeGreaterThan(Date.parse(before.task.dueDate ?? ''));
    const running = await worker.call<Task>('GET', `/api/tasks/${before.task.id}`);
    expect(running).toMatchObject({ candidateGroups: ['rc'], dueDate: before.task.dueDate });
  });

  it('should change only the one task, and keep the copy linked to its template in the library', async () => {
    // when
    const published = await admin.call<{ content: string; version: number }>('GET', '/api/definitions/bpmn/complaint');
    const rows = await admin.call<{ key: string; latestVersion: number; template: { key: string } | null }[]>('GET', '/api/library/processes');

    // then
    const diff = await elementDiff(readFileSync(templateUrl('complaint'), 'utf8'), published.content);
    expect(diff).toEqual({ added: [], removed: [], changed: [expect.objectContaining({ id: 'Task_Accept' })] });
    expect(published.content).toContain('candidateGroups="rc,party"');
    expect(published.content).toContain('dueDate="=add working days(now(), 3)"');
    expect(rows.find((r) => r.key === 'complaint')).toMatchObject({ latestVersion: 2, template: { key: 'complaint' } });
  });

  it('should name a task the template does not have, and a wrong password', async () => {
    // when
    const noTask = await runExample(script, { LINLI_URL: server.url, LINLI_USER: 'demo-admin', LINLI_PASSWORD: examplePassword, LINLI_TASK: 'Task_Nope' }).done;
    const wrong = await runExample(script, { LINLI_URL: server.url, LINLI_USER: 'demo-admin', LINLI_PASSWORD: '不是这个密码不是这个密码' }).done;

    // then
    expect(noTask.code).toBe('1');
    expect(noTask.stderr).toContain('Task_Nope');
    expect(wrong.code).toBe('1');
    expect(wrong.stderr).toContain('HTTP 401');
  });

  it('should add the zeebe elements a task lacks, and refuse bad values', async () => {
    // given: 网格派单 has candidate groups but no time limit
    const other = readFileSync(new URL('../external-worker/address-check.bpmn', import.meta.url), 'utf8');
    expect(other).not.toContain('taskSchedule');

    // when
    const changed = await customiseTemplate(other, { taskId: 'Task_Dispatch', candidateGroups: ['oc'], dueWorkingDays: 5 });

    // then
    const diff = await elementDiff(other, changed);
    expect(diff.changed.map((d) => d.id)).toEqual(['Task_Dispatch']);
    expect(changed).toMatch(/<zeebe:taskSchedule dueDate="=add working days\(now\(\), 5\)" \/>/);
    expect(changed).toContain('candidateGroups="oc"');
    const xml = readFileSync(templateUrl('complaint'), 'utf8');
    await expect(customiseTemplate(xml, { taskId: 'Task_Accept', candidateGroups: ['rc"><x'], dueWorkingDays: 5 })).rejects.toThrow('候选角色无效');
    await expect(customiseTemplate(xml, { taskId: 'Task_Accept', candidateGroups: ['rc'], dueWorkingDays: 0 })).rejects.toThrow('1–60');
  });
});

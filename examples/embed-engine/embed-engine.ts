/**
 * Embeds the engine in a script: deploys the sub-district's complaint template, lets two job
 * workers stand in for the notification and public-reply connectors, and walks one complaint
 * from intake to the satisfaction revisit. Run: `npx tsx examples/embed-engine/embed-engine.ts`.
 */
import { readFile } from 'node:fs/promises';
import { InMemoryEngine, type HistoryEntry } from '../../engine/index.js';

export async function runComplaint(): Promise<{ status: string; publicReplies: string[]; history: readonly HistoryEntry[] }> {
  const engine = new InMemoryEngine({ now: Date.parse('2026-11-26T09:00:00+08:00') });
  await engine.deploy(await readFile(new URL('../../definitions/templates/complaint.bpmn', import.meta.url), 'utf8'));

  const publicReplies: string[] = [];
  engine.registerWorker('linli:notify:1', async () => ({}));
  engine.registerWorker('linli:public-reply:1', async (job) => {
    const text = job.headers.variable ? job.variables[job.headers.variable] : job.headers.body;
    publicReplies.push(String(text));
  });

  const id = await engine.start('complaint', {
    complainantName: '王阿姨', phone: '13812345678', building: 12, unit: 3, room: '502',
    category: 'noise', description: '楼上装修每天早上七点开始电钻。', channel: 'phone', consentPublic: true,
  });
  const steps: [string, Record<string, string>][] = [
    ['Task_Accept', { acceptDecision: 'accept' }],
    ['Task_Dispatch', { handlerGroup: 'pm', urgency: 'urgent' }],
    ['Task_Handle', { handleNote: '已约谈装修户，调整施工时间。' }],
    ['Task_Reply', { replyText: '已协调装修户，工作日 9:00 以后施工。' }],
    ['Task_Revisit', { satisfaction: 'satisfied' }],
  ];
  for (const [elementId, variables] of steps) {
    const [task] = engine.userTasks({ instanceId: id, elementId });
    if (!task) throw new Error(`${elementId} is not waiting`);
    console.log(`${task.name}（${task.candidateGroups.join(',')}），期限 ${task.dueDate ?? '无'}`);
    await engine.completeUserTask(task.elementInstanceId, variables);
  }
  const { status, history } = engine.getInstance(id);
  return { status, publicReplies, history };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runComplaint();
  console.log(`状态 / status: ${result.status}`);
  console.log(`公开答复 / public reply: ${result.publicReplies.join(' | ')}`);
}

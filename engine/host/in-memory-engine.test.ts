import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { InMemoryEngine } from './in-memory-engine.js';

const fixture = (name: string) => readFile(new URL(`../parse/fixtures/${name}`, import.meta.url), 'utf8');

describe('InMemoryEngine', () => {
  it('should run the complaint template to its end through every wait, resuming from JSON copies', async () => {
    // given
    let engine = new InMemoryEngine({ now: Date.UTC(2026, 10, 26, 1) });
    const { processIds } = await engine.deploy(await fixture('complaint-handling.bpmn'));
    const processId = processIds[0] as string;

    // when
    const workers = (e: InMemoryEngine) => {
      for (const type of ['dispatch-repair', 'sms-pudong', 'score']) e.registerWorker(type, async () => ({ [`${type}-done`]: true }));
    };
    workers(engine);
    const id = await engine.start(processId, { category: 'repair', region: 'pudong', notify: { sms: true, letter: false } });
    for (let i = 0; i < 20 && engine.getInstance(id).status === 'active'; i++) {
      engine = await InMemoryEngine.restore(JSON.parse(JSON.stringify(engine.snapshot())));
      workers(engine);
      await engine.runUntilIdle();
      const task = engine.userTasks({ instanceId: id })[0];
      if (!task) break;
      await engine.completeUserTask(task.elementInstanceId, { satisfied: true, accepted: true, approved: true });
    }

    // then
    const view = engine.getInstance(id);
    expect(view.incidents).toEqual([]);
    expect(view.status).toBe('completed');
    expect(view.variables['dispatch-repair-done']).toBe(true);
    expect(view.history.filter((h) => h.elementId === 'Gateway_Join' && h.event === 'completed')).toHaveLength(1);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InMemoryEngine, type JsonObject } from '../../engine/index.js';

const xml = readFileSync(new URL('../../runtime/stats/monthly-report.bpmn', import.meta.url), 'utf8');

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

  it('should report December for the run on 1 January, across the year end', async () => {
    // given the process deployed after the December run
    const engine = new InMemoryEngine({ now: Date.parse('2026-12-02T09:00:00+08:00') });
    engine.registerWorker('linli:notify:1', async () => undefined);
    await engine.deploy(xml);

    // when
    await engine.clock.set(Date.parse('2027-01-01T09:00:00+08:00'));

    // then the January run reports December (the engine also catches up the 1 December run it missed at deployment)
    const months = engine.instanceIds().map((id) => engine.getInstance(id).variables.reportMonth);
    expect(months).toEqual(['2026-11', '2026-12']);
  });
});

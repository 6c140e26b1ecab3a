/**
 * Durable commands per second through the workflow service (no HTTP): each case is a start and
 * two task completions of `fixtures/repair-request.bpmn`, several cases in flight at once. Every
 * command is its own committed transaction. Not a test.
 *
 *   npx tsx runtime/services/measure-commands.ts                 # SQLite file in a temp dir
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx runtime/services/measure-commands.ts
 */
import { createTestDatabase } from '../persistence/test-database.js';
import { openWorkflowService } from './create-workflow-service.js';
import { fixture } from './test-service.js';

const CASES = Number(process.env.MEASURE_CASES ?? 2_000);
const IN_FLIGHT = Number(process.env.MEASURE_IN_FLIGHT ?? 16);

const database = await createTestDatabase();
const service = await openWorkflowService({ ...database.options, jobExecutor: false });
const community = 'bench';
await service.deployDefinition({ community, userId: 'admin', kind: 'bpmn', content: fixture('repair-request.bpmn') });

async function runCase(n: number): Promise<void> {
  const started = await service.startInstance({ community, userId: 'resident', processKey: 'repair_request', variables: { building: `${n % 40}号楼`, floor: n % 20 } });
  const accept = await service.queryTasks({ community, instanceId: started.id, limit: 1 });
  const first = await service.completeTask({ community, userId: 'li', taskId: accept.items[0]!.id, variables: { accepted: true } });
  await service.completeTask({ community, userId: 'wang', taskId: first.createdTasks[0]!.id, variables: { cost: n } });
}

// Warm-up (model cache, prepared statements, JIT).
for (let i = 0; i < 50; i++) await runCase(i);

let next = 0;
const cpuBefore = process.cpuUsage();
const startedAt = process.hrtime.bigint();
await Promise.all(
  Array.from({ length: IN_FLIGHT }, async () => {
    while (next < CASES) await runCase(next++);
  }),
);
const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const commands = CASES * 3;
console.log(`${database.kind}: ${CASES} cases (${commands} durable commands + ${CASES} task queries), ${IN_FLIGHT} in flight, ${seconds.toFixed(2)} s`);
console.log(`  ${Math.round(commands / seconds)} commands/s, ${Math.round(CASES / seconds)} cases/s (wall clock), RSS ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
// On a shared machine the wall clock depends on the neighbours; CPU time per command does not.
console.log(`  ${Math.round(commands / cpuSeconds)} commands per CPU-second of this process (${((cpuSeconds / commands) * 1e6).toFixed(0)} µs CPU per command incl. its share of queries)`);
await service.close();
await database.drop();

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openSqlite } from '../../tests/resilience/harness/open-sqlite.js';
import { spawnNode, type RuntimeNode } from '../../tests/resilience/harness/spawn-node.js';
import { LatencyLog } from './http-client.js';
import { createPostgresDatabase, pgClient } from './postgres-database.js';

/**
 * Inbox query latency with a big database (issue 9): 100 communities, 100,000 open tasks
 * (1,000 each: candidates `rc` or `pm`, a tenth assigned) on 100,000 instances, 1,000,000
 * history rows. Rows are written straight into the tables (the API would take hours), then
 * the node answers `GET /api/tasks?candidate=me` and `?assignee=me` from random communities.
 * `npx tsx bench/runtime/inbox.ts [--db sqlite|postgresql|both] [--tasks 100000] [--history 1000000]`
 */
const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    tasks: { type: 'string', default: '100000' },
    history: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '400' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const tasks = Number(values.tasks);
const historyRows = Number(values.history);
const communities = 100;
const log = (line: string): void => void process.stderr.write(`${line}\n`);

// one statement per table, numbered rows i = 0..n-1: community c(i % 100), instance i
const T0 = Date.parse('2026-01-05T09:00:00+08:00');
function taskRow(i: number): unknown[] {
  const community = `c${String(i % communities).padStart(3, '0')}`;
  const id = `t${String(i).padStart(12, '0')}`;
  return [id, `i${String(i).padStart(12, '0')}`, community, 'complaint', 'd1', 'handle', '处理', 'open', i % 10 === 0 ? `u${i % 50}` : null, i % 3 === 0 ? '["pm"]' : '["rc"]', '[]', null, null, 50, null, null, null, '{}', '[]', T0 + i * 1000, null, null, 1];
}
const TASK_SQL = 'insert into wf_user_task (id, instance_id, community, process_key, definition_id, element_id, name, status, assignee, candidate_groups, candidate_users, due_at, follow_up_at, priority, form_id, form_key, business_key, properties, warnings, created_at, completed_at, completed_by, version) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)';
const CANDIDATE_SQL = 'insert into wf_task_candidate (task_id, kind, value, community) values (?,?,?,?)';
const HISTORY_SQL = 'insert into wf_history_event (community, instance_id, type, at, user_id, element_id, element_instance_id, data) values (?,?,?,?,?,?,?,?)';
const historyRow = (i: number): unknown[] => {
  const instance = i % tasks;
  return [`c${String(instance % communities).padStart(3, '0')}`, `i${String(instance).padStart(12, '0')}`, 'batch', T0 + i, 'u1', null, null, '[{"type":"element.entered","elementId":"handle","elementInstanceId":null,"data":{}}]'];
};

async function queryInbox(node: RuntimeNode, label: string): Promise<string> {
  const latency = new LatencyLog();
  const n = Number(values.queries);
  for (let q = 0; q < n; q++) {
    const community = `c${String((q * 37) % communities).padStart(3, '0')}`;
    const headers = { 'x-user': `u${q % 50}`, 'x-community': community, 'x-groups': 'rc' };
    const url = q % 2 === 0 ? `${node.url}/api/tasks?candidate=me&status=open` : `${node.url}/api/tasks?assignee=me&status=open`;
    const answer = await latency.call(url, 'GET', headers);
    if (answer.status !== 200) throw new Error(`inbox answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  return `| ${label} | ${tasks} | ${historyRows} | ${latency.percentile(50).toFixed(1)} | ${latency.percentile(95).toFixed(1)} | ${latency.percentile(99).toFixed(1)} |`;
}

const rows: string[] = [];
if (values.db === 'sqlite' || values.db === 'both') {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-inbox-'));
  try {
    await (await spawnNode({ DATA_DIR: dataDir })).stop(); // migrations
    const db = openSqlite(path.join(dataDir, 'linli.db'));
    log('SQLite: writing rows…');
    db.run('begin');
    for (let i = 0; i < tasks; i++) {
      const row = taskRow(i);
      db.run(TASK_SQL, ...row);
      db.run(CANDIDATE_SQL, row[0], 'g', i % 3 === 0 ? 'pm' : 'rc', row[2]);
    }
    for (let i = 0; i < historyRows; i++) db.run(HISTORY_SQL, ...historyRow(i));
    db.run('commit');
    db.run('analyze');
    db.close();
    const node = await spawnNode({ DATA_DIR: dataDir });
    try {
      rows.push(await queryInbox(node, 'SQLite'));
    } finally {
      await node.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
if (values.db === 'postgresql' || values.db === 'both') {
  const database = await createPostgresDatabase(values['database-url']);
  try {
    await (await spawnNode({ DATABASE_URL: database.url })).stop(); // migrations
    const client = await pgClient(database.url);
    log('PostgreSQL: writing rows…');
    const c = `'c' || lpad((i % ${communities})::text, 3, '0')`;
    await client.query(`insert into wf_user_task (id, instance_id, community, process_key, definition_id, element_id, name, status, assignee, candidate_groups, candidate_users, due_at, follow_up_at, priority, form_id, form_key, business_key, properties, warnings, created_at, completed_at, completed_by, version)
      select 't' || lpad(i::text, 12, '0'), 'i' || lpad(i::text, 12, '0'), ${c}, 'complaint', 'd1', 'handle', '处理', 'open', case when i % 10 = 0 then 'u' || (i % 50) end, case when i % 3 = 0 then '["pm"]' else '["rc"]' end, '[]', null, null, 50, null, null, null, '{}', '[]', ${T0} + i * 1000, null, null, 1 from generate_series(0, ${tasks - 1}) i`);
    await client.query(`insert into wf_task_candidate (task_id, kind, value, community) select 't' || lpad(i::text, 12, '0'), 'g', case when i % 3 = 0 then 'pm' else 'rc' end, ${c} from generate_series(0, ${tasks - 1}) i`);
    await client.query(`insert into wf_history_event (community, instance_id, type, at, user_id, element_id, element_instance_id, data)
      select 'c' || lpad(((i % ${tasks}) % ${communities})::text, 3, '0'), 'i' || lpad((i % ${tasks})::text, 12, '0'), 'batch', ${T0} + i, 'u1', null, null, '[{"type":"element.entered","elementId":"handle","elementInstanceId":null,"data":{}}]' from generate_series(0, ${historyRows - 1}) i`);
    await client.query('analyze');
    await client.end();
    const node = await spawnNode({ DATABASE_URL: database.url });
    try {
      rows.push(await queryInbox(node, 'PostgreSQL'));
    } finally {
      await node.stop();
    }
  } finally {
    await database.drop();
  }
}
process.stdout.write(['| database | open tasks | history rows | p50 ms | p95 ms | p99 ms |', '|---|---|---|---|---|---|', ...rows].join('\n') + '\n');

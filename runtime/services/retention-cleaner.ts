import { appendFile, mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { toNumber, toText, type SqlDatabase, type SqlRow } from '../persistence/sql-database.js';

export interface RetentionCleanerOptions {
  readonly archiveDir: string;
  readonly now: () => number;
  /** Instances archived and removed per transaction. */
  readonly batchSize?: number;
}

const DAY_MS = 86_400_000;
/** Tables holding per-instance rows, removed with the instance. */
const INSTANCE_TABLES = ['wf_history_event', 'wf_user_task', 'wf_instance_variable', 'wf_job', 'wf_message_subscription', 'wf_incident', 'wf_comment', 'wf_attachment', 'wf_case_summary'] as const;

/**
 * Applies the communities' retention policies: finished cases older than the policy are written
 * to an archive file (JSON lines: the instance with its history, tasks, incidents, comments and
 * attachment metadata) and then removed, a batch per transaction. The file is flushed to disk
 * before the rows are deleted, so a crash in between archives a batch twice, never loses it.
 * Attachment bytes stay on disk; their paths are in the archive.
 */
export class RetentionCleaner {
  constructor(
    private readonly db: SqlDatabase,
    private readonly options: RetentionCleanerOptions,
  ) {}

  /** Runs every policy until nothing is due; returns the number of instances removed. */
  async run(): Promise<number> {
    let removed = 0;
    const policies = await this.db.all('SELECT community, process_key, retain_days FROM wf_retention_policy ORDER BY community, process_key');
    for (const policy of policies) {
      const community = toText(policy.community);
      const processKey = toText(policy.process_key);
      const before = this.options.now() - toNumber(policy.retain_days) * DAY_MS;
      for (;;) {
        const batch = await this.batch(community, processKey, before);
        if (batch === 0) break;
        removed += batch;
      }
    }
    return removed;
  }

  private async batch(community: string, processKey: string, endedBefore: number): Promise<number> {
    const size = this.options.batchSize ?? 100;
    const instances = await this.db.all(
      `SELECT * FROM wf_process_instance WHERE community = ? AND process_key = ? AND ended_at IS NOT NULL AND ended_at < ? AND status <> 'active' ORDER BY ended_at LIMIT ${size}`,
      [community, processKey, endedBefore],
    );
    if (instances.length === 0) return 0;
    const lines: string[] = [];
    for (const instance of instances) {
      const id = toText(instance.id);
      const related: Record<string, SqlRow[]> = {};
      for (const table of INSTANCE_TABLES) related[table] = await this.db.all(`SELECT * FROM ${table} WHERE instance_id = ?`, [id]);
      lines.push(JSON.stringify({ archivedAt: new Date(this.options.now()).toISOString(), instance, ...related }));
    }
    const file = await this.archiveFile(community, processKey);
    await appendFile(file, `${lines.join('\n')}\n`, 'utf8');
    const handle = await open(file, 'r');
    await handle.sync();
    await handle.close();
    await this.db.transaction(async (tx) => {
      for (const instance of instances) {
        const id = toText(instance.id);
        await tx.run('DELETE FROM wf_task_candidate WHERE task_id IN (SELECT id FROM wf_user_task WHERE instance_id = ?)', [id]);
        for (const table of INSTANCE_TABLES) await tx.run(`DELETE FROM ${table} WHERE instance_id = ?`, [id]);
        await tx.run("DELETE FROM wf_process_instance WHERE id = ? AND status <> 'active'", [id]);
      }
    });
    return instances.length;
  }

  private async archiveFile(community: string, processKey: string): Promise<string> {
    const dir = join(this.options.archiveDir, safeName(community));
    await mkdir(dir, { recursive: true });
    const day = new Date(this.options.now()).toISOString().slice(0, 10);
    return join(dir, `${safeName(processKey)}-${day}.jsonl`);
  }
}

/** A file-name-safe form of an id (no path separators or dots at the start). */
function safeName(value: string): string {
  return value.replace(/[^\p{L}\p{N}_-]/gu, '_');
}

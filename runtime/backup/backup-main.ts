import path from 'node:path';
import { backupSqlite, restoreSqlite } from './sqlite-backup.js';

/**
 * `npx tsx runtime/backup/backup-main.ts backup [DATA_DIR] [file]` — online backup while the node runs.
 * `npx tsx runtime/backup/backup-main.ts restore <file> [DATA_DIR]` — with the node stopped.
 * PostgreSQL: use pg_dump / pg_restore (see runtime/backup/README.md).
 */
const [command, first, second] = process.argv.slice(2);
const dataDir = process.env.DATA_DIR ?? 'data';
if (process.env.DATABASE_URL?.startsWith('postgres')) {
  process.stderr.write('PostgreSQL 请用 pg_dump -Fc / for PostgreSQL use pg_dump -Fc "$DATABASE_URL" -f linli.dump (see runtime/backup/README.md)\n');
  process.exit(1);
}
if (command === 'backup') {
  const dir = first ?? dataDir;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = second ?? path.join(dir, 'backups', `linli-${stamp}.db`);
  const { mkdirSync } = await import('node:fs');
  mkdirSync(path.dirname(file), { recursive: true });
  const { pages } = await backupSqlite(path.join(dir, 'linli.db'), file);
  process.stdout.write(`备份完成 / backup written: ${file} (${pages} pages, integrity ok)\n`);
} else if (command === 'restore' && first !== undefined) {
  restoreSqlite(first, second ?? dataDir);
  process.stdout.write(`已恢复 / restored ${first} into ${second ?? dataDir}; start the node again\n`);
} else {
  process.stderr.write('用法 / usage: backup-main.ts backup [DATA_DIR] [file] | restore <file> [DATA_DIR]\n');
  process.exit(1);
}

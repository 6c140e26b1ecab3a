import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRoundRobinProxy } from './round-robin-proxy.js';

/**
 * `npm run cluster -- [nodes]`: a local trial of N identical nodes behind one port. Node i
 * listens on PORT+i (127.0.0.1); a round-robin proxy listens on PORT. Several nodes need
 * PostgreSQL (`DATABASE_URL`); on SQLite only one node is started. Ctrl-C stops them all.
 */
const count = Number(process.argv[2] ?? process.env.CLUSTER_NODES ?? 3);
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
if (!Number.isInteger(count) || count < 1 || count > 16) {
  process.stderr.write('节点数必须是 1–16 / the node count must be 1–16\n');
  process.exit(1);
}
if (count > 1 && !(process.env.DATABASE_URL ?? '').startsWith('postgres')) {
  process.stderr.write(
    'SQLite 只支持单节点：多节点请设置 DATABASE_URL=postgres://… / SQLite supports one node only: set DATABASE_URL=postgres://… for several nodes.\n',
  );
  process.exit(1);
}

const server = fileURLToPath(new URL('../server.ts', import.meta.url));
const children: ChildProcess[] = [];
for (let i = 1; i <= count; i++) {
  const child = spawn(process.execPath, ['--import', 'tsx', server], {
    env: { ...process.env, PORT: String(port + i), HOST: '127.0.0.1' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.once('exit', (code, signal) => process.stderr.write(`节点 ${i} 已退出 / node ${i} exited (${signal ?? code})\n`));
  children.push(child);
}

const proxy = createRoundRobinProxy(Array.from({ length: count }, (_, i) => ({ host: '127.0.0.1', port: port + i + 1 })));
proxy.listen(port, host, () => process.stderr.write(`集群 / cluster: ${count} node(s) on ports ${port + 1}–${port + count}, one entry http://${host}:${port}/\n`));

const stop = (): void => {
  proxy.close();
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(0), 11_000).unref();
  let left = children.length;
  for (const child of children) child.once('exit', () => --left === 0 && process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

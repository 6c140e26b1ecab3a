/**
 * Exports one case's history as a CSV file that Excel in China opens as is: UTF-8 with a byte
 * order mark, CRLF line ends, Chinese headers, and every field quoted by RFC 4180 when it holds
 * a comma, a quote or a line break. Reads the history page by page through the REST API and
 * names each step by the element names of the process version the case runs.
 *
 * Run against `npm start` with a read-only API token (or a user's name and password):
 *   LINLI_URL=http://127.0.0.1:3000 LINLI_TOKEN=llt_… LINLI_INSTANCE=<case id> \
 *   npx tsx examples/export-history-csv/export-history-csv.ts
 * Optional: LINLI_USER + LINLI_PASSWORD instead of LINLI_TOKEN, LINLI_OUT (default
 * case-<id>-history.csv), LINLI_PAGE_SIZE (1–200, default 100).
 */
import { writeFile } from 'node:fs/promises';
import { BpmnModdle } from 'bpmn-moddle';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import { LinliClient, requiredEnv, serverUrl } from '../shared/linli-client.js';

/** One entry of `GET /api/instances/:id/history`. */
export interface HistoryEntry {
  readonly id: string;
  readonly type: string;
  readonly at: string;
  readonly userId: string | null;
  readonly elementId: string | null;
  readonly data: Record<string, unknown>;
}

export const csvHeaders = ['序号', '时间（北京时间）', '事件', '事件类型', '节点 ID', '节点名称', '操作人', '详情'] as const;

const eventLabels: Readonly<Record<string, string>> = {
  'instance.started': '案件发起',
  'instance.completed': '案件办结',
  'instance.terminated': '案件终止',
  'element.entered': '进入节点',
  'element.completed': '完成节点',
  'element.terminated': '节点中止',
  'flow.taken': '经过连线',
  'variable.set': '设置变量',
  'incident.raised': '出现故障',
  'incident.resolved': '故障已解决',
  warning: '提醒',
  'task.claimed': '认领任务',
  'task.unclaimed': '退回认领',
  'task.assigned': '指派任务',
  'task.completed': '办理完成',
  'variables.updated': '修改变量',
  'instance.cancelled': '撤销案件',
  'incident.retried': '重试故障',
  'comment.added': '添加评论',
};

const shanghai = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** `2026-11-26 09:00:05` in Beijing time. */
export function beijingTime(iso: string): string {
  const parts = Object.fromEntries(shanghai.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** One CSV field: quoted (quotes doubled) when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The event's data as lines people read: `name: value`, strings as they are, empty values left out. */
function details(data: Record<string, unknown>): string {
  return Object.entries(data)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('\n');
}

/** The whole file: byte order mark, header row, one row per history entry, CRLF line ends. */
export function historyCsv(entries: readonly HistoryEntry[], elementNames: ReadonlyMap<string, string>): string {
  const rows = entries.map((entry, index) => [
    String(index + 1),
    beijingTime(entry.at),
    eventLabels[entry.type] ?? entry.type,
    entry.type,
    entry.elementId ?? '',
    entry.elementId === null ? '' : (elementNames.get(entry.elementId) ?? ''),
    entry.userId ?? '',
    details(entry.data),
  ]);
  return `\uFEFF${[[...csvHeaders], ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** Element id → name for every named element of a BPMN document. */
export async function elementNamesOf(xml: string): Promise<Map<string, string>> {
  const { elementsById } = await new BpmnModdle({ zeebe }).fromXML(xml, 'bpmn:Definitions');
  const names = new Map<string, string>();
  for (const [id, element] of Object.entries(elementsById)) {
    const name = (element as { name?: unknown }).name; // moddle elements are property bags
    if (typeof name === 'string' && name.trim() !== '') names.set(id, name.trim());
  }
  return names;
}

/** Every history entry of the case, oldest first, following `nextCursor` page by page. */
export async function readHistory(client: LinliClient, instanceId: string, pageSize: number): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: String(pageSize), ...(cursor === null ? {} : { cursor }) });
    const page: { items: HistoryEntry[]; nextCursor: string | null } = await client.call('GET', `/api/instances/${encodeURIComponent(instanceId)}/history?${query}`);
    entries.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return entries;
}

export interface ExportOptions {
  readonly client: LinliClient;
  readonly instanceId: string;
  readonly file: string;
  readonly pageSize: number;
}

/** Reads the case and its history and writes the CSV; answers how many rows it wrote. */
export async function exportHistory(options: ExportOptions): Promise<{ rows: number; processName: string | null }> {
  const instance = await options.client.call<{ processKey: string; processName: string | null; definitionVersion: number }>('GET', `/api/instances/${encodeURIComponent(options.instanceId)}`);
  const definition = await options.client.call<{ content: string }>('GET', `/api/definitions/bpmn/${encodeURIComponent(instance.processKey)}?version=${instance.definitionVersion}`);
  const entries = await readHistory(options.client, options.instanceId, options.pageSize);
  await writeFile(options.file, historyCsv(entries, await elementNamesOf(definition.content)), 'utf8');
  return { rows: entries.length, processName: instance.processName };
}

/** A token client when LINLI_TOKEN is set, else a signed-in user's. */
async function clientFromEnv(url: string): Promise<LinliClient> {
  const token = process.env.LINLI_TOKEN?.trim();
  if (token) return LinliClient.withToken(url, token);
  const user = requiredEnv('LINLI_USER', '没有 LINLI_TOKEN 时的登录名 / login name, when there is no LINLI_TOKEN');
  return (await LinliClient.signIn(url, user, requiredEnv('LINLI_PASSWORD', '密码 / password'))).client;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const instanceId = requiredEnv('LINLI_INSTANCE', '案件编号 / the case id');
    const pageSize = Number(process.env.LINLI_PAGE_SIZE?.trim() || '100');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 200) throw new Error('LINLI_PAGE_SIZE 必须是 1–200 的整数 / must be an integer 1–200');
    const file = process.env.LINLI_OUT?.trim() || `case-${instanceId}-history.csv`;
    const { rows, processName } = await exportHistory({ client: await clientFromEnv(serverUrl()), instanceId, file, pageSize });
    console.log(`已导出「${processName ?? instanceId}」案件历史 ${rows} 条到 ${file} / exported ${rows} history rows to ${file}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

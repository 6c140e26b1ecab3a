import type { WorkingCalendar } from '../../engine/calendar/index.js';
import type { SqlTx } from '../persistence/sql-database.js';
import type { CaseDimension } from './case-dimensions.js';
import { caseMeasures, type CaseMeasures } from './case-measures.js';
import { caseTable, evaluationTable, patrolTable, percent, type ChartTable } from './chart-table.js';
import { evaluationScores } from './evaluation-scores.js';
import { overdueCases } from './overdue-cases.js';
import { patrolCounts } from './patrol-counts.js';
import { SHANGHAI_OFFSET_MS } from './stats-calendar.js';
import { categoryLabels, handlerLabels, labelOf, processLabels } from './stats-labels.js';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Midnight (Shanghai) of the first day of a month, `monthOffset` months after `month`. */
export function monthStart(month: string, monthOffset = 0): number {
  const [y, m] = month.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1 + monthOffset, 1) - SHANGHAI_OFFSET_MS;
}

function shanghaiDate(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

function tableHtml(table: ChartTable): string {
  const head = table.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = table.rows.length === 0 ? `<tr><td colspan="${table.columns.length}" class="empty">本月无数据</td></tr>` : table.rows.map((row) => `<tr>${row.map((cell) => `<td>${cell === null ? '—' : escapeHtml(String(cell))}</td>`).join('')}</tr>`).join('');
  return `<table><caption>${escapeHtml(table.title)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** A horizontal bar chart as inline SVG: prints crisply and needs no script. */
function barChart(title: string, bars: readonly { label: string; value: number }[]): string {
  if (bars.length === 0) return '';
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowHeight = 26;
  const height = bars.length * rowHeight + 30;
  const items = bars
    .map((bar, i) => {
      const y = 24 + i * rowHeight;
      const width = Math.round((bar.value / max) * 360);
      return `<text x="120" y="${y + 14}" text-anchor="end">${escapeHtml(bar.label)}</text><rect x="128" y="${y}" width="${width}" height="18" fill="#1f6fb2"/><text x="${134 + width}" y="${y + 14}">${bar.value}</text>`;
    })
    .join('');
  return `<figure><svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 560 ${height}" width="560" height="${height}" font-size="13" font-family="sans-serif"><text x="0" y="14" font-weight="bold">${escapeHtml(title)}</text>${items}</svg></figure>`;
}

function rateText(rate: number | null): string {
  const p = percent(rate);
  return p === null ? '—' : `${p}%`;
}

function summaryCards(current: CaseMeasures | undefined, previous: CaseMeasures | undefined): string {
  const card = (label: string, value: string, before: string): string => `<div class="card"><div class="label">${label}</div><div class="value">${value}</div><div class="prev">上月 ${before}</div></div>`;
  const num = (m: CaseMeasures | undefined, pick: (m: CaseMeasures) => number | null, rate = false): string => {
    if (m === undefined) return rate ? '—' : '0';
    const v = pick(m);
    return rate ? rateText(v) : v === null ? '—' : String(v);
  };
  return `<section class="cards">
${card('受理件数', num(current, (m) => m.cases), num(previous, (m) => m.cases))}
${card('办结件数', num(current, (m) => m.closed), num(previous, (m) => m.closed))}
${card('响应率', num(current, (m) => m.responseRate, true), num(previous, (m) => m.responseRate, true))}
${card('解决率', num(current, (m) => m.resolutionRate, true), num(previous, (m) => m.resolutionRate, true))}
${card('满意率', num(current, (m) => m.satisfactionRate, true), num(previous, (m) => m.satisfactionRate, true))}
${card('超期件数', num(current, (m) => m.overdue), num(previous, (m) => m.overdue))}
${card('平均办结工作日', num(current, (m) => m.avgWorkingDaysToClose), num(previous, (m) => m.avgWorkingDaysToClose))}
</section>`;
}

/**
 * The monthly report a secretary brings to the joint meeting (家园共治联席会): the month's
 * figures against the month before, charts, tables by category and handling party, the overdue
 * list, patrols and published evaluations. Printable HTML in Chinese; no names or phone numbers.
 */
export async function monthlyReport(db: SqlTx, calendar: WorkingCalendar, community: string, month: string, now: number): Promise<string> {
  const from = monthStart(month);
  const to = monthStart(month, 1);
  const filter = { communities: [community], from, to, now };
  const nameRow = await db.get('SELECT name FROM id_community WHERE id = ?', [community]);
  const name = typeof nameRow?.name === 'string' ? nameRow.name : community;
  const current = (await caseMeasures(db, calendar, filter, 'community'))[0];
  const previous = (await caseMeasures(db, calendar, { ...filter, from: monthStart(month, -1), to: from }, 'community'))[0];
  const by = async (dimension: CaseDimension) => caseMeasures(db, calendar, filter, dimension);
  const byProcess = await by('process');
  const byCategory = await by('category');
  const byHandler = await by('handler');
  const overdue = await overdueCases(db, community, from, to, Math.min(to, now));
  const patrols = await patrolCounts(db, calendar, filter);
  const evaluations = (await evaluationScores(db, [community])).filter((e) => e.closedAt !== null && Date.parse(e.closedAt) >= monthStart(month, -11) && Date.parse(e.closedAt) < to);
  const [year, monthNumber] = month.split('-').map(Number);
  const title = `${name} ${year}年${monthNumber}月 社区治理月度报告`;
  const overdueTable: ChartTable = {
    title: '超期案件清单',
    columns: ['编号', '流程', '类别', '楼号', '承办方', '受理日期', '超期环节', '应办结时间', '状态'],
    rows: overdue.map((o) => [
      o.businessKey,
      labelOf(processLabels, o.processKey),
      labelOf(categoryLabels, o.category),
      o.building,
      labelOf(handlerLabels, o.handler),
      shanghaiDate(o.startedAt),
      o.lateStep,
      o.dueAt === null ? null : shanghaiDate(o.dueAt),
      o.status === 'active' ? '办理中' : o.status === 'completed' ? '已办结' : '已撤销',
    ]),
  };
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;color:#1d1d1f;margin:24px auto;max-width:960px;line-height:1.5}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;border-left:4px solid #1f6fb2;padding-left:8px;margin-top:28px}
.meta{color:#555;font-size:13px}.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:10px;margin-top:16px}
.card{border:1px solid #ccd;border-radius:6px;padding:8px 10px}.label{font-size:13px;color:#444}.value{font-size:22px;font-weight:bold}.prev{font-size:12px;color:#666}
table{border-collapse:collapse;width:100%;font-size:13px;margin:10px 0}caption{text-align:left;font-weight:bold;margin-bottom:4px}
th,td{border:1px solid #bbb;padding:4px 6px;text-align:left}th{background:#eef3f8}td.empty{color:#666;text-align:center}
figure{margin:8px 0}.note{font-size:12px;color:#555}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table,figure{break-inside:avoid}.cards{grid-template-columns:repeat(4,1fr)}}
@page{size:A4;margin:15mm}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<div class="meta">统计期间：${shanghaiDate(from)} 至 ${shanghaiDate(to - 1)}（按受理日期）· 生成时间：${escapeHtml(new Date(now + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' '))}</div>
<h2>一、总体情况</h2>
${summaryCards(current, previous)}
<p class="note">响应率＝按时受理件数÷已到受理时限件数；解决率、满意率按回访评价计算；工作日按国务院节假日安排（含调休）计算。</p>
<h2>二、分类情况</h2>
${barChart('各类别受理件数', byCategory.map((r) => ({ label: labelOf(categoryLabels, r.group), value: r.cases })))}
${tableHtml(caseTable(byProcess, 'process', (g) => labelOf(processLabels, g)))}
${tableHtml(caseTable(byCategory, 'category', (g) => labelOf(categoryLabels, g)))}
<h2>三、承办方办理情况</h2>
${barChart('各承办方办结件数', byHandler.map((r) => ({ label: labelOf(handlerLabels, r.group), value: r.closed })))}
${tableHtml(caseTable(byHandler, 'handler', (g) => labelOf(handlerLabels, g)))}
<h2>四、超期案件</h2>
${tableHtml(overdueTable)}
<h2>五、巡查上报</h2>
${tableHtml(patrolTable(patrols))}
<h2>六、物业服务评议</h2>
${tableHtml(evaluationTable(evaluations, () => name))}
</body></html>
`;
}

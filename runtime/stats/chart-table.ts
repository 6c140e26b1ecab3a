import type { CaseDimension } from './case-dimensions.js';
import type { CaseMeasures } from './case-measures.js';
import type { EvaluationScores } from './evaluation-scores.js';
import type { PatrolCount } from './patrol-counts.js';
import type { StepWaiting } from './step-waiting.js';
import { conclusionLabels, labelOf } from './stats-labels.js';

export type Cell = string | number | null;

/** A chart's data as a table: the same rows feed the CSV, the XLSX and the printed report. */
export interface ChartTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

const dimensionLabels: Record<CaseDimension, string> = {
  community: '社区',
  process: '流程',
  category: '类别',
  building: '楼号',
  handler: '承办方',
  month: '月份',
};

/** Rates as percentages with one decimal, the way 12345 reports print them. */
export function percent(rate: number | null): Cell {
  return rate === null ? null : Math.round(rate * 1000) / 10;
}

export function caseTable(rows: readonly CaseMeasures[], dimension: CaseDimension, labelOf: (group: string | null) => string = (g) => g ?? '未填写'): ChartTable {
  return {
    title: `办理情况（按${dimensionLabels[dimension]}）`,
    columns: [dimensionLabels[dimension], '受理件数', '办结', '撤销', '按时响应', '响应率%', '已解决', '解决率%', '参评', '满意', '满意率%', '超期', '平均办结工作日'],
    rows: rows.map((r) => [
      labelOf(r.group),
      r.cases,
      r.closed,
      r.cancelled,
      r.respondedInTime,
      percent(r.responseRate),
      r.solved,
      percent(r.resolutionRate),
      r.rated,
      r.satisfied,
      percent(r.satisfactionRate),
      r.overdue,
      r.avgWorkingDaysToClose,
    ]),
  };
}

/** `communityName`: how a community is named (its id when not given). */
export function evaluationTable(rows: readonly EvaluationScores[], communityName: (id: string) => string = (id) => id): ChartTable {
  return {
    title: '物业服务评议得分',
    columns: ['社区', '年度', '参评人数', '安全秩序', '保洁', '绿化', '设施维护', '服务态度', '综合', '结论'],
    rows: rows.map((r) => [
      communityName(r.community),
      r.year,
      r.respondents,
      r.scores.security,
      r.scores.cleaning,
      r.scores.greening,
      r.scores.facilities,
      r.scores.service,
      r.overall,
      r.conclusion === null ? null : labelOf(conclusionLabels, r.conclusion),
    ]),
  };
}

export function patrolTable(rows: readonly PatrolCount[]): ChartTable {
  const role = (value: string | null): string => (value === 'bl' ? '楼组长' : value === 'vol' ? '志愿者' : (value ?? '未填写'));
  return {
    title: '巡查上报次数',
    columns: ['月份', '上报人', '上报次数', '紧急', '已办结'],
    rows: rows.map((r) => [r.month, role(r.reporterRole), r.reports, r.urgent, r.closed]),
  };
}

const hours = (ms: number | null): Cell => (ms === null ? null : Math.round(ms / 360_000) / 10);

export function stepTable(rows: readonly StepWaiting[]): ChartTable {
  return {
    title: '各环节平均等待时间',
    columns: ['环节', '名称', '已完成', '平均等待（小时）', '待办', '待办平均已等（小时）', '超时完成'],
    rows: rows.map((r) => [r.elementId, r.name, r.completed, hours(r.avgWaitMs), r.open, hours(r.avgOpenAgeMs), r.late]),
  };
}

import { i18n } from '../i18n/index.js';

const zhCN = {
  title: '统计分析',
  dimension: '分组',
  dimensions: { community: '社区', process: '流程', category: '类别', building: '楼号', handler: '承办方', month: '月份' },
  period: '统计期间',
  periodFrom: '一年前',
  periodTo: '今天',
  scopeAll: '全街道',
  scopeOwn: '本社区',
  refresh: '刷新',
  table: '表格',
  chart: '图表',
  exportCsv: '导出 CSV',
  exportXlsx: '导出 Excel',
  empty: '所选期间没有数据',
  cases: '受理件数',
  closed: '办结',
  overdue: '超期',
  responseRate: '响应率',
  resolutionRate: '解决率',
  satisfactionRate: '满意率',
  avgDays: '平均办结工作日',
  notRecorded: '未填写',
  ratesTitle: '响应率、解决率、满意率（%）',
  volumeTitle: '受理、办结与超期',
  monthlyTitle: '按月受理与满意率',
  evaluationTitle: '物业服务评议得分',
  patrolTitle: '巡查上报次数',
  stepsTitle: '瓶颈：各环节平均等待（小时）',
  stepsProcess: '流程',
  step: '环节',
  stepCompleted: '已完成',
  avgWaitHours: '平均等待（小时）',
  stepLate: '超时完成',
  stepOpen: '待办',
  hoursShort: '{hours} 小时',
  heatLegend: '颜色越深，等待越久',
  waitBadge: '平均等待 {hours} 小时，{open} 件待办',
  evalDims: { security: '安全秩序', cleaning: '保洁', greening: '绿化', facilities: '设施维护', service: '服务态度', overall: '综合' },
  reporter: { bl: '楼组长', vol: '志愿者' },
  report: '月度报告',
  reportMonth: '报告月份',
  print: '打印',
  summary: '合计',
};

const enUS: typeof zhCN = {
  title: 'Statistics',
  dimension: 'Group by',
  dimensions: { community: 'Community', process: 'Process', category: 'Category', building: 'Building', handler: 'Handling party', month: 'Month' },
  period: 'Period',
  periodFrom: 'A year ago',
  periodTo: 'Today',
  scopeAll: 'Whole sub-district',
  scopeOwn: 'This community',
  refresh: 'Refresh',
  table: 'Table',
  chart: 'Chart',
  exportCsv: 'Export CSV',
  exportXlsx: 'Export Excel',
  empty: 'No data for this period',
  cases: 'Received',
  closed: 'Closed',
  overdue: 'Overdue',
  responseRate: 'Response rate',
  resolutionRate: 'Resolution rate',
  satisfactionRate: 'Satisfaction rate',
  avgDays: 'Avg. working days to close',
  notRecorded: 'Not recorded',
  ratesTitle: 'Response, resolution and satisfaction (%)',
  volumeTitle: 'Received, closed and overdue',
  monthlyTitle: 'Cases and satisfaction by month',
  evaluationTitle: 'Property company evaluation scores',
  patrolTitle: 'Patrol reports',
  stepsTitle: 'Bottlenecks: average wait per step (hours)',
  stepsProcess: 'Process',
  step: 'Step',
  stepCompleted: 'Completed',
  avgWaitHours: 'Average wait (hours)',
  stepLate: 'Completed late',
  stepOpen: 'Open',
  hoursShort: '{hours} h',
  heatLegend: 'Darker means longer waits',
  waitBadge: 'Average wait {hours} h, {open} open',
  evalDims: { security: 'Security', cleaning: 'Cleaning', greening: 'Greening', facilities: 'Facilities', service: 'Service', overall: 'Overall' },
  reporter: { bl: 'Building leader', vol: 'Volunteer' },
  report: 'Monthly report',
  reportMonth: 'Month',
  print: 'Print',
  summary: 'Total',
};

const boardZhCN = {
  title: '社区公开栏',
  intro: '经提交人同意公开的诉求及办理情况、每月办理数据和评议、表决结果。不显示任何个人信息。',
  cases: '诉求办理公开',
  category: '类别',
  building: '楼号',
  buildingNo: '{n} 号楼',
  status: '状态',
  statuses: { handling: '办理中', closed: '已办结', cancelled: '已撤销' },
  reply: '公开答复',
  received: '受理日期',
  closedAt: '办结日期',
  noReply: '尚未答复',
  monthly: '每月办理情况',
  evaluations: '物业服务评议结果',
  votes: '业主表决结果',
  passed: '通过',
  failed: '未通过',
  participation: '参与（面积/人数）',
  approval: '同意（面积/人数）',
  empty: '暂无公开内容',
  notFound: '没有找到这个社区',
  year: '{year} 年度',
};

const boardEnUS: typeof boardZhCN = {
  title: 'Community notice board',
  intro: 'Requests whose submitters agreed to publication and how they were handled, monthly figures, evaluation and vote results. No personal data is shown.',
  cases: 'Published requests',
  category: 'Category',
  building: 'Building',
  buildingNo: 'Building {n}',
  status: 'Status',
  statuses: { handling: 'In progress', closed: 'Closed', cancelled: 'Withdrawn' },
  reply: 'Public reply',
  received: 'Received',
  closedAt: 'Closed',
  noReply: 'No reply yet',
  monthly: 'Monthly figures',
  evaluations: 'Property company evaluation',
  votes: 'Owners’ votes',
  passed: 'Passed',
  failed: 'Not passed',
  participation: 'Participation (area/owners)',
  approval: 'Approval (area/owners)',
  empty: 'Nothing published yet',
  notFound: 'Community not found',
  year: 'Year {year}',
};

/** Labels of the templates' stable option values (the server returns the values). */
export const valueLabels = {
  'zh-CN': {
    repair: '报修', noise: '噪音', parking: '停车', greening: '绿化', sanitation: '环境卫生', other: '其他', 'property-service': '物业服务', environment: '环境', safety: '安全', facilities: '设施',
    neighbourhood: '邻里关系', stairwell: '楼道', garbage: '垃圾分类', weather: '防汛防台', pm: '物业服务企业', rc: '居委会', oc: '业委会', party: '居民区党组织',
    complaint: '投诉处理', opinion: '意见征集', 'patrol-report': '巡查上报', 'property-evaluation': '物业服务评议', 'owner-vote': '业主表决', 'three-meetings': '重大事项“三会”',
    'community-proposal': '社区提案', 'self-governance-fund': '自治金项目', 'elevator-consultation': '加装电梯意见征询', qualified: '合格', unqualified: '不合格',
  },
  'en-US': {
    repair: 'Repair', noise: 'Noise', parking: 'Parking', greening: 'Greening', sanitation: 'Sanitation', other: 'Other', 'property-service': 'Property service', environment: 'Environment', safety: 'Safety', facilities: 'Facilities',
    neighbourhood: 'Neighbours', stairwell: 'Stairwell', garbage: 'Waste sorting', weather: 'Flood/typhoon', pm: 'Property company', rc: 'Residents committee', oc: 'Owners committee', party: 'Party organisation',
    complaint: 'Complaint', opinion: 'Opinion', 'patrol-report': 'Patrol report', 'property-evaluation': 'Property evaluation', 'owner-vote': 'Owners’ vote', 'three-meetings': 'Three meetings',
    'community-proposal': 'Community proposal', 'self-governance-fund': 'Self-governance fund', 'elevator-consultation': 'Elevator consultation', qualified: 'Qualified', unqualified: 'Unqualified',
  },
} as const;

let installed = false;

/** Adds `stats.*` and `board.*` texts when a statistics or board page first loads. */
export function installStatsMessages(): void {
  if (installed) return;
  installed = true;
  i18n.global.mergeLocaleMessage('zh-CN', { stats: zhCN, board: boardZhCN });
  i18n.global.mergeLocaleMessage('en-US', { stats: enUS, board: boardEnUS });
}

/** A stable option value in the UI language (unknown values as they are). */
export function labelOfValue(locale: string, value: string | null, notRecorded: string): string {
  if (value === null) return notRecorded;
  const labels: Readonly<Record<string, string>> = locale === 'en-US' ? valueLabels['en-US'] : valueLabels['zh-CN'];
  return labels[value] ?? value;
}

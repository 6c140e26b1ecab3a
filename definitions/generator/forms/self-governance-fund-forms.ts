import { computed, date, files, form, note, number, radio, row, select, table, textarea, textfield } from '../form-builder.js';
import { phone } from './common-fields.js';

const summary = (id: string) => note(id, '**自治金项目** {{projectNo}}：{{projectName}} · 预算 {{budgetTotal}} 元');

const budgetTable = () => [
  table('budget', '预算明细', [
    row(textfield('item', '支出项目', { required: true, maxLength: 30 }), number('amount', '金额（元）', { required: true, min: 0, max: 200000, decimalDigits: 2 }), textfield('note', '说明', { maxLength: 50 })),
  ]),
  computed('budgetTotal', '=sum(budget.amount)'),
  note('Text_budgetTotal', '预算合计：{{budgetTotal}} 元'),
];
const stagesTable = () =>
  table('stages', '实施阶段', [row(textfield('name', '阶段', { required: true, maxLength: 30 }), date('plannedEnd', '计划完成日期', { required: true }))]);

/** The ten topics of the “自治邻里+” plan. */
const topicOptions = [
  ['stairwell', '楼道环境整治'],
  ['garbage', '垃圾分类'],
  ['garden', '社区花园'],
  ['elevator', '加装电梯协商'],
  ['parking', '停车自治'],
  ['pets', '文明养宠'],
  ['elderly', '为老服务'],
  ['children', '儿童友好'],
  ['culture', '邻里文化'],
  ['safety', '平安社区'],
] as const;

/** Forms of the self-governance fund template (自治金项目). */
export const selfGovernanceFundForms = [
  form('fund-apply', [
    row(textfield('projectName', '项目名称', { required: true, minLength: 4, maxLength: 50 }), select('topic', '议题', topicOptions, { required: true })),
    row(textfield('leaderName', '议题主理人', { required: true, maxLength: 20 }), select('leaderRole', '主理人身份', [['oc', '业委会成员'], ['rep', '居民代表'], ['vol', '志愿者'], ['resident', '居民']], { required: true }), phone()),
    number('teamSize', '团队人数', { required: true, min: 1, max: 200, decimalDigits: 0 }),
    textarea('objectives', '项目目标与内容', { required: true, minLength: 20, maxLength: 3000 }),
    ...budgetTable(),
    stagesTable(),
    files('applyFiles', '附件'),
  ]),
  form('fund-review', [
    note('Text_reviewProject', '**{{projectName}}**（主理人 {{leaderName}}）· 预算 {{budgetTotal}} 元'),
    note('Text_reviewObjectives', '{{objectives}}'),
    radio('reviewDecision', '初审意见', [['approve', '同意，报街道'], ['revise', '退回修改'], ['reject', '不同意']], { required: true }),
    textfield('projectNo', '项目编号', { required: true, pattern: '^ZZ-[0-9]{4}-[0-9]{2,3}$', description: '如 ZZ-2026-08', hide: '=reviewDecision != "approve"' }),
    textarea('reviewComment', '意见说明', { required: true, minLength: 4, maxLength: 1000, hide: '=reviewDecision = "approve"' }),
  ]),
  form('fund-revise', [
    note('Text_reviseComments', '修改意见：{{if approvalComment != null then approvalComment else if hearingMinutes != null then hearingMinutes else reviewComment}}'),
    textarea('objectives', '项目目标与内容', { required: true, minLength: 20, maxLength: 3000 }),
    ...budgetTable(),
    stagesTable(),
  ]),
  form('fund-hearing', [
    summary('Text_hearingSummary'),
    row(date('hearingOn', '听证日期', { required: true }), number('hearingAttendance', '到会人数', { required: true, min: 1, decimalDigits: 0 })),
    textarea('hearingMinutes', '听证记录', { required: true, minLength: 10, maxLength: 3000 }),
    radio('hearingResult', '听证结论', [['agree', '同意申报'], ['revise', '需修改后再申报']], { required: true }),
  ]),
  form('fund-approval', [
    summary('Text_approvalSummary'),
    radio('approval', '审批意见', [['approve', '批准'], ['revise', '退回修改'], ['reject', '不批准']], { required: true }),
    number('approvedAmount', '批准资助金额（元）', { required: true, min: 0, decimalDigits: 2, hide: '=approval != "approve"' }),
    textarea('approvalComment', '审批意见说明', { required: true, minLength: 2, maxLength: 1000 }),
  ]),
  form('fund-objection', [
    summary('Text_objectionSummary'),
    note('Text_objectionText', '异议内容：{{objectionText}}'),
    radio('objectionDecision', '处理结果', [['continue', '异议不成立，继续实施'], ['stop', '异议成立，终止项目']], { required: true }),
    textarea('objectionResolution', '处理说明（将公开）', { required: true, minLength: 4, maxLength: 1000 }),
  ]),
  form('fund-stage-report', [
    summary('Text_stageSummary'),
    note('Text_stageName', '**阶段**：{{stage.name}}（计划 {{stage.plannedEnd}} 完成）'),
    textarea('stageProgress', '阶段进展', { required: true, minLength: 5, maxLength: 2000 }),
    number('stageSpent', '本阶段支出（元）', { required: true, min: 0, decimalDigits: 2 }),
    files('stagePhotos', '活动照片与票据'),
  ]),
  form('fund-acceptance', [
    summary('Text_acceptanceSummary'),
    radio('accepted', '验收结论', [['yes', '通过'], ['no', '不通过，整改']], { required: true }),
    textarea('acceptanceNote', '验收意见', { required: true, minLength: 4, maxLength: 1000 }),
  ]),
  form('fund-rework', [
    summary('Text_reworkSummary'),
    note('Text_reworkNote', '验收意见：{{acceptanceNote}}'),
    textarea('reworkReport', '整改情况', { required: true, minLength: 5, maxLength: 2000 }),
  ]),
  form('fund-accounts', [
    summary('Text_accountsSummary'),
    note('Text_accountsApproved', '批准资助：{{approvedAmount}} 元'),
    table('expenses', '支出明细', [
      row(textfield('item', '项目', { required: true, maxLength: 30 }), number('amount', '金额（元）', { required: true, min: 0, decimalDigits: 2 }), textfield('invoiceNo', '票据号', { required: true, maxLength: 30 })),
    ]),
    computed('totalSpent', '=sum(expenses.amount)'),
    note('Text_accountsTotal', '支出合计：{{totalSpent}} 元'),
    textarea('accountsNote', '决算说明', { maxLength: 1000 }),
  ]),
];

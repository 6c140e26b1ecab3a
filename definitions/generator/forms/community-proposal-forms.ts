import { date, files, form, note, number, radio, row, select, table, textarea, textfield } from '../form-builder.js';
import { phone } from './common-fields.js';

const summary = (id: string) => note(id, '**提案** {{proposalNo}}：{{proposalTitle}}（{{location}}）');
const yesNo = [['yes', '可行'], ['no', '不可行']] as const;

/** Forms of the community proposal template (“东明72变”社区提案). */
export const communityProposalForms = [
  form('proposal-submit', [
    textfield('proposalTitle', '提案名称', { required: true, minLength: 4, maxLength: 50 }),
    row(select('proposalCategory', '提案方向', [
      ['environment', '环境美化'],
      ['facilities', '设施改造'],
      ['greening', '社区花园与绿化'],
      ['parking', '停车与交通'],
      ['elderly', '适老化改造'],
      ['children', '儿童友好'],
      ['culture', '文化与邻里空间'],
      ['other', '其他'],
    ], { required: true }), textfield('location', '地点', { required: true, maxLength: 50 })),
    textarea('description', '现状问题与改造设想', { required: true, minLength: 20, maxLength: 3000 }),
    number('estimatedCost', '预计费用（元）', { min: 0, decimalDigits: 2 }),
    row(textfield('proposerName', '提案人', { required: true, maxLength: 30 }), select('proposerType', '提案人身份', [['resident', '居民'], ['oc', '业委会'], ['pm', '物业服务企业'], ['group', '居民团队']], { required: true }), phone()),
    files('proposalFiles', '照片、草图等附件'),
  ]),
  form('proposal-review', [
    note('Text_reviewTitle', '**提案**：{{proposalTitle}}（{{location}}）'),
    note('Text_reviewBody', '{{description}}'),
    radio('reviewDecision', '审查意见', [['accept', '通过，予以编号公示'], ['reject', '不通过']], { required: true }),
    textfield('proposalNo', '提案编号', { required: true, pattern: '^[0-9]{4}-[0-9]{2,3}$', description: '年份-序号，如 2026-15', hide: '=reviewDecision != "accept"' }),
    textarea('rejectReason', '不通过的原因', { required: true, minLength: 4, maxLength: 500, hide: '=reviewDecision != "reject"' }),
  ]),
  form('proposal-support', [
    summary('Text_supportSummary'),
    number('supportCount', '支持人数', { required: true, min: 0, decimalDigits: 0 }),
    textarea('supportNote', '征集情况（线上、线下）', { maxLength: 1000 }),
  ]),
  form('proposal-feasibility-pm', [
    summary('Text_pmSummary'),
    radio('pmFeasible', '物业评估', yesNo, { required: true }),
    number('pmCostEstimate', '物业测算费用（元）', { min: 0, decimalDigits: 2 }),
    textarea('pmOpinion', '评估意见（施工条件、后续维护）', { required: true, minLength: 5, maxLength: 1000 }),
  ]),
  form('proposal-feasibility-oc', [
    summary('Text_ocSummary'),
    radio('ocFeasible', '业委会评估', yesNo, { required: true }),
    select('fundingSource', '资金来源', [
      ['maintenance-fund', '专项维修资金'],
      ['public-income', '公共收益'],
      ['self-governance', '自治金'],
      ['street', '街道项目资金'],
      ['other', '其他'],
    ], { required: true }),
    textarea('ocOpinion', '评估意见', { required: true, minLength: 5, maxLength: 1000 }),
  ]),
  form('proposal-plan', [
    summary('Text_planSummary'),
    textfield('contractor', '施工单位', { maxLength: 50 }),
    table('milestones', '实施里程碑', [row(textfield('name', '里程碑', { required: true, maxLength: 30 }), date('plannedDate', '计划完成日期', { required: true }))]),
  ]),
  form('proposal-milestone', [
    summary('Text_milestoneSummary'),
    note('Text_milestoneName', '**里程碑**：{{milestone.name}}（计划 {{milestone.plannedDate}}）'),
    date('finishedOn', '完成日期', { required: true }),
    textarea('milestoneReport', '进展情况', { required: true, minLength: 5, maxLength: 2000 }),
    files('milestonePhotos', '现场照片'),
  ]),
  form('proposal-acceptance', [
    summary('Text_acceptanceSummary'),
    radio('accepted', '验收结论', [['yes', '通过'], ['no', '不通过，整改']], { required: true }),
    textarea('acceptanceNote', '验收意见', { required: true, minLength: 4, maxLength: 1000 }),
  ]),
  form('proposal-fix', [
    summary('Text_fixSummary'),
    note('Text_fixAcceptance', '验收意见：{{acceptanceNote}}'),
    textarea('fixReport', '整改情况', { required: true, minLength: 5, maxLength: 2000 }),
    files('fixPhotos', '整改照片'),
  ]),
];

import { checklist, dateTime, form, note, number, radio, row, select, table, textarea, textfield, files, date } from '../form-builder.js';
import { representativeAccount } from './common-fields.js';

const topic = (id: string) => note(id, '**议题**：{{topicNo}} {{topicTitle}}');

export const topicTypeOptions = [
  ['maintenance-fund', '筹集或使用专项维修资金'],
  ['renovation', '改建、重建建筑物及其附属设施'],
  ['common-use', '改变共有部分用途或利用共有部分经营'],
  ['property-contract', '选聘或解聘物业服务企业'],
  ['property-fee', '物业服务收费调整'],
  ['bylaw', '制定或修改管理规约、议事规则'],
  ['parking', '停车位协调'],
  ['other', '其他重大事项'],
] as const;

/** Forms of the three-meetings template (重大事项"三会"). */
export const threeMeetingsForms = [
  form('three-meetings-topic', [
    row(textfield('topicNo', '议题编号', { required: true, pattern: '^[0-9]{4}-[0-9]{2,3}$', description: '年份-序号，如 2026-07', columns: 4 }), textfield('topicTitle', '议题名称', { required: true, minLength: 4, maxLength: 50 })),
    row(select('topicType', '议题类型', topicTypeOptions, { required: true }), select('proposer', '提议方', [['oc', '业委会'], ['rc', '居委会'], ['party', '居民区党组织'], ['pm', '物业服务企业']], { required: true })),
    textarea('topicDescription', '议题内容与理由', { required: true, minLength: 10, maxLength: 2000 }),
    number('estimatedCost', '预计费用（元）', { min: 0, decimalDigits: 2 }),
    files('topicAttachments', '附件（方案、报价等）'),
  ]),
  form('three-meetings-review', [
    topic('Text_reviewTopic'),
    note('Text_reviewBody', '{{topicDescription}}'),
    radio('reviewDecision', '审核意见', [['approve', '同意，进入听证'], ['return', '退回提议方']], { required: true }),
    textarea('reviewComment', '审核说明', { maxLength: 500, required: true, hide: '=reviewDecision != "return"' }),
  ]),
  form('three-meetings-hearing-notice', [
    topic('Text_noticeTopic'),
    note('Text_noticeRound', '第 {{hearingRound}} 次听证'),
    row(dateTime('hearingAt', '听证会时间', { required: true }), textfield('hearingPlace', '地点', { required: true, maxLength: 50 })),
    checklist('hearingInvitees', '邀请参加', [
      ['party-rep', '党员代表'],
      ['resident-rep', '居民代表'],
      ['bl-rep', '楼组长代表'],
      ['oc', '业委会'],
      ['pm', '物业服务企业'],
      ['vol-rep', '志愿者代表'],
    ], { required: true }),
    textarea('hearingNotice', '通知内容', { required: true, minLength: 10, maxLength: 1000 }),
  ]),
  form('three-meetings-hearing-minutes', [
    topic('Text_minutesTopic'),
    number('hearingAttendance', '到会人数', { required: true, min: 1, decimalDigits: 0 }),
    textarea('hearingMinutes', '会议记录（主要意见）', { required: true, minLength: 10, maxLength: 5000 }),
    radio('consensus', '结论', [['reached', '形成共识'], ['not-reached', '未形成共识']], { required: true }),
    textarea('revisionRequests', '需修改的内容', { required: true, maxLength: 1000, hide: '=consensus != "not-reached"' }),
  ]),
  form('three-meetings-revise', [
    topic('Text_reviseTopic'),
    note('Text_reviseRequests', '听证意见：{{revisionRequests}}'),
    textarea('topicDescription', '修改后的方案', { required: true, minLength: 10, maxLength: 2000 }),
    number('estimatedCost', '修改后预计费用（元）', { min: 0, decimalDigits: 2 }),
  ]),
  form('three-meetings-implement', [
    topic('Text_implementTopic'),
    textarea('implementationReport', '实施情况', { required: true, minLength: 10, maxLength: 3000 }),
    date('implementedOn', '完成日期', { required: true }),
    number('actualCost', '实际费用（元）', { min: 0, decimalDigits: 2 }),
    files('implementationPhotos', '照片与票据'),
  ]),
  form('three-meetings-coordination', [
    topic('Text_coordinationTopic'),
    note('Text_coordinationDispute', '争议：{{disputeDescription}}'),
    row(dateTime('coordinationAt', '协调会时间', { required: true }), textfield('coordinationPlace', '地点', { required: true, maxLength: 50 })),
    textarea('coordinationMinutes', '会议记录', { required: true, minLength: 10, maxLength: 3000 }),
    textarea('coordinationResolution', '协调结论', { required: true, minLength: 4, maxLength: 1000 }),
  ]),
  form('three-meetings-evaluation-setup', [
    topic('Text_setupTopic'),
    note('Text_setupReport', '实施情况：{{implementationReport}}'),
    row(dateTime('evaluationAt', '评议会时间', { required: true }), textfield('evaluationPlace', '地点', { required: true, maxLength: 50 })),
    table('representatives', '参加评议的代表', [
      row(textfield('name', '姓名', { required: true, maxLength: 20 }), select('repType', '代表类别', [['resident', '居民代表'], ['party', '党员代表'], ['bl', '楼组长代表']], { required: true }), representativeAccount()),
    ]),
  ]),
  form('three-meetings-score', [
    topic('Text_scoreTopic'),
    note('Text_scoreRep', '评议代表：{{representative.name}}'),
    number('score', '评分（0–100）', { required: true, min: 0, max: 100, decimalDigits: 0 }),
    textarea('scoreComment', '评议意见', { maxLength: 500 }),
  ]),
];

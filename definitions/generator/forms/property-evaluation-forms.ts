import { date, files, form, note, number, radio, row, select, table, textarea, textfield } from '../form-builder.js';
import { representativeAccount } from './common-fields.js';

const dimensionLabels: Readonly<Record<string, string>> = {
  security: '安全秩序（门岗、巡逻、消防）',
  cleaning: '环境卫生（保洁、垃圾分类清运）',
  greening: '绿化养护',
  facilities: '设施设备维护（电梯、水泵、照明）',
  service: '客户服务（报修响应、投诉处理）',
};

/** Forms of the property evaluation template (物业服务年度评议). */
export const propertyEvaluationForms = [
  form('property-evaluation-start', [
    row(number('evaluationYear', '评议年度', { required: true, min: 2020, max: 2100, decimalDigits: 0 }), textfield('propertyCompany', '物业服务企业', { required: true, maxLength: 50 })),
  ]),
  form('property-evaluation-report', [
    note('Text_reportYear', '**{{evaluationYear}} 年度物业服务述职**'),
    textarea('reportSummary', '述职要点（服务情况、收支、存在问题、改进计划）', { required: true, minLength: 20, maxLength: 5000 }),
    files('reportFiles', '述职报告及附件'),
    date('reportMeetingOn', '居民会议述职日期', { required: true }),
  ]),
  form('property-evaluation-reps', [
    note('Text_repsHint', '评议代表由居民代表、党员代表、楼组长代表组成。2/3 代表完成评分即形成结果。填写系统账号的代表由本人打分；未填写的，任何评议代表都可认领（如代录纸质评分）。'),
    table('representatives', '评议代表', [
      row(textfield('name', '姓名', { required: true, maxLength: 20 }), select('repType', '代表类别', [['resident', '居民代表'], ['party', '党员代表'], ['bl', '楼组长代表']], { required: true }), textfield('building', '楼号', { maxLength: 10 }), representativeAccount()),
    ]),
    date('scoringDeadline', '评分截止日期', { required: true }),
  ]),
  form('property-evaluation-score', [
    note('Text_scoreRep', '**{{evaluationYear}} 年度物业服务评分** · 评议代表：{{representative.name}}'),
    ...Object.entries(dimensionLabels).map(([key, label]) => number(key, `${label}（0–100）`, { required: true, min: 0, max: 100, decimalDigits: 0 })),
    textarea('scoreComment', '意见建议', { maxLength: 500 }),
  ]),
  form('property-evaluation-conclusion', [
    note('Text_conclusionScores', '{{evaluation.respondents}} 位代表评分；综合平均 {{evaluation.overall}} 分（合格线 {{evaluation.passScore}} 分）。安全 {{evaluation.security}}，保洁 {{evaluation.cleaning}}，绿化 {{evaluation.greening}}，设施 {{evaluation.facilities}}，服务 {{evaluation.service}}。'),
    radio('conclusion', '评议会结论', [['qualified', '合格'], ['unqualified', '不合格，限期整改']], { required: true }),
    textarea('conclusionSummary', '结论说明（将公开）', { required: true, minLength: 5, maxLength: 1000 }),
    textarea('rectificationItems', '整改要求', { required: true, minLength: 5, maxLength: 2000, hide: '=conclusion != "unqualified"' }),
    textarea('meetingMinutes', '评议会记录', { maxLength: 5000 }),
  ]),
  form('property-evaluation-rectify', [
    note('Text_rectifyItems', '整改要求：{{rectificationItems}}'),
    textarea('rectifyReport', '整改情况', { required: true, minLength: 10, maxLength: 3000 }),
    files('rectifyFiles', '整改照片与材料'),
  ]),
  form('property-evaluation-check', [
    note('Text_checkReport', '整改情况：{{rectifyReport}}'),
    radio('rectified', '验收结果', [['yes', '整改到位'], ['no', '未到位，继续整改']], { required: true }),
    textarea('checkNote', '验收意见', { required: true, maxLength: 1000 }),
  ]),
];

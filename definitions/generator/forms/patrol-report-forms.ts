import { checkbox, files, form, note, number, radio, row, select, textarea, textfield } from '../form-builder.js';
import { building, handlerOptions, phone } from './common-fields.js';

const summary = (id: string) => note(id, '**巡查问题**：{{building}}号 {{location}} · {{description}}');

/** Forms of the patrol report template (楼组长/志愿者巡查上报). */
export const patrolReportForms = [
  form('patrol-report', [
    row(textfield('reporterName', '上报人', { required: true, maxLength: 20 }), select('reporterRole', '身份', [['bl', '楼组长'], ['vol', '志愿者']], { required: true }), phone()),
    select('patrolArea', '巡查内容', [
      ['stairwell', '楼道环境（堆物、乱贴）'],
      ['garbage', '垃圾分类与清运'],
      ['greening', '绿化环境'],
      ['parking', '停车管理（乱停、占用消防通道）'],
      ['facilities', '公共设施损坏'],
      ['safety', '安全隐患（电动车充电、高空坠物等）'],
      ['weather', '防汛防台、高温寒潮'],
      ['other', '其他'],
    ], { required: true }),
    row(building(), textfield('location', '具体位置', { required: true, maxLength: 50, description: '如：3 单元一楼楼道、东门停车场' })),
    textarea('description', '问题描述', { required: true, minLength: 5, maxLength: 1000 }),
    files('photos', '现场照片', { required: true, accept: 'image/*' }),
    checkbox('urgent', '紧急（需立即处置，会马上通知居委会和物业）'),
  ]),
  form('patrol-dispatch', [
    summary('Text_dispatchSummary'),
    row(select('handlerGroup', '整改责任方', handlerOptions, { required: true }), number('limitDays', '整改时限（工作日）', { required: true, min: 1, max: 15, decimalDigits: 0, defaultValue: 3 })),
    textarea('dispatchNote', '派单说明', { maxLength: 300 }),
  ]),
  form('patrol-rectify', [
    summary('Text_rectifySummary'),
    note('Text_rectifyRound', '{{if rectifyRound != null then "第 " + string(rectifyRound) + " 轮整改。上次复查意见：" + checkNote else ""}}'),
    textarea('rectifyNote', '整改情况', { required: true, minLength: 5, maxLength: 1000 }),
    files('rectifyPhotos', '整改后照片', { required: true, accept: 'image/*' }),
  ]),
  form('patrol-check', [
    summary('Text_checkSummary'),
    note('Text_checkRectify', '整改情况：{{rectifyNote}}'),
    radio('fixed', '复查结果', [['yes', '已整改到位'], ['no', '未整改到位']], { required: true }),
    textarea('checkNote', '复查意见', { required: true, maxLength: 500, hide: '=fixed != "no"' }),
    files('checkPhotos', '复查照片', { accept: 'image/*' }),
  ]),
];

import { checkbox, files, form, note, radio, row, select, textarea, textfield, number } from '../form-builder.js';
import { building, categoryOptions, channel, handlerOptions, phone, room, satisfactionOptions, unit } from './common-fields.js';

const summary = (id: string) => note(id, '**投诉内容**：{{building}}号{{unit}}单元 · {{description}}');

/** Forms of the complaint template (投诉 接诉即办). */
export const complaintForms = [
  form('complaint-intake', [
    row(textfield('complainantName', '投诉人姓名', { required: true, maxLength: 20, columns: 8 }), phone()),
    row(building(), unit(), room()),
    row(select('category', '类别', categoryOptions, { required: true, columns: 8 }), textfield('otherCategory', '其他类别说明', { required: true, maxLength: 20, hide: '=category != "other"' })),
    textarea('description', '问题描述', { required: true, minLength: 5, maxLength: 1000 }),
    files('photos', '照片', { accept: 'image/*' }),
    channel(),
    checkbox('consentPublic', '同意在社区公开处理结果（不显示姓名和电话）'),
  ]),
  form('complaint-accept', [
    summary('Text_acceptSummary'),
    radio('acceptDecision', '受理意见', [['accept', '受理'], ['return', '不予受理，退回']], { required: true }),
    textarea('returnReason', '退回原因', { required: true, minLength: 4, maxLength: 300, hide: '=acceptDecision != "return"' }),
  ]),
  form('complaint-dispatch', [
    summary('Text_dispatchSummary'),
    row(select('handlerGroup', '承办方', handlerOptions, { required: true }), select('urgency', '办理时限', [
      ['urgent', '紧急：1 个工作日'],
      ['fast', '较急：3 个工作日'],
      ['normal', '一般：5 个工作日'],
      ['complex', '复杂：15 个工作日'],
    ], { required: true })),
    textarea('dispatchNote', '派单说明', { maxLength: 300 }),
  ]),
  form('complaint-handle', [
    summary('Text_handleSummary'),
    note('Text_handleLimit', '办理时限：{{limitDays}} 个工作日{{if handleDeadline = null then "" else "，请于 " + substring(handleDeadline, 1, 10) + " " + substring(handleDeadline, 12, 5) + " 前办结"}}'),
    textarea('handleNote', '办理情况', { required: true, minLength: 5, maxLength: 1000 }),
    files('handlePhotos', '办理照片', { accept: 'image/*' }),
    checkbox('requestExtension', '需要延期（说明原因，由居委会审批）'),
    textarea('extensionReason', '延期原因', { required: true, minLength: 4, maxLength: 300, hide: '=requestExtension != true' }),
  ]),
  form('complaint-extension', [
    summary('Text_extensionSummary'),
    note('Text_extensionReason', '延期原因：{{extensionReason}}'),
    radio('extensionDecision', '审批意见', [['approve', '同意延期'], ['reject', '不同意，按原时限办理']], { required: true }),
    number('limitDays', '延期后的办理时限（工作日）', { required: true, min: 1, max: 30, decimalDigits: 0, hide: '=extensionDecision != "approve"' }),
  ]),
  form('complaint-reply', [
    summary('Text_replySummary'),
    note('Text_replyHandle', '办理情况：{{handleNote}}'),
    textarea('replyText', '答复内容（居民可见）', { required: true, minLength: 5, maxLength: 1000 }),
  ]),
  form('complaint-revisit', [
    summary('Text_revisitSummary'),
    note('Text_revisitReply', '答复：{{replyText}}'),
    radio('satisfaction', '居民评价', satisfactionOptions, { required: true }),
    textarea('revisitNote', '回访记录', { maxLength: 500 }),
  ]),
  form('complaint-supervise', [
    summary('Text_superviseSummary'),
    textarea('supervisionNote', '督办意见', { required: true, minLength: 4, maxLength: 500 }),
  ]),
];

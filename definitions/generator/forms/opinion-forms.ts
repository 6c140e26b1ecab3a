import { checkbox, form, note, radio, row, select, textarea, textfield } from '../form-builder.js';
import { building, channel, channelOptions, handlerOptions, optionLabelFeel, phone, satisfactionOptions } from './common-fields.js';
import { topicTypeOptions } from './three-meetings-forms.js';

const summary = (id: string) => note(id, `**意见**（{{${optionLabelFeel('channel', channelOptions)}}}）：{{content}}`);

/** Forms of the opinion template (意见征集与反馈). */
export const opinionForms = [
  form('opinion-intake', [
    channel(),
    row(textfield('submitterName', '姓名（可匿名）', { maxLength: 20 }), phone('phone', '联系电话', false)),
    building(),
    select('subject', '涉及方面', [
      ['property-service', '物业服务'],
      ['environment', '环境卫生'],
      ['parking', '停车管理'],
      ['greening', '绿化'],
      ['safety', '安全（消防、电动车等）'],
      ['facilities', '公共设施'],
      ['neighbourhood', '邻里关系'],
      ['other', '其他'],
    ], { required: true }),
    textarea('content', '意见内容', { required: true, minLength: 5, maxLength: 2000 }),
    checkbox('consentPublic', '同意在社区公开答复（不显示姓名和电话）'),
  ]),
  form('opinion-classify', [
    summary('Text_classifySummary'),
    row(select('opinionType', '意见类型', [['suggestion', '建议'], ['request', '诉求'], ['complaint', '投诉'], ['praise', '表扬']], { required: true }), select('handlerGroup', '转交办理', handlerOptions, { required: true })),
    checkbox('needsThreeMeetings', '属于重大事项，需召开“三会”'),
    row(
      textfield('topicNo', '议题编号', { required: true, pattern: '^[0-9]{4}-[0-9]{2,3}$', hide: '=needsThreeMeetings != true', columns: 4 }),
      textfield('topicTitle', '议题名称', { required: true, minLength: 4, maxLength: 50, hide: '=needsThreeMeetings != true' }),
    ),
    select('topicType', '议题类型', topicTypeOptions, { required: true, hide: '=needsThreeMeetings != true' }),
    textarea('classifyNote', '转办说明', { maxLength: 500 }),
  ]),
  form('opinion-handle', [
    summary('Text_handleSummary'),
    note('Text_handleReview', '{{if reviewComment != null then "审核退回意见：" + reviewComment else ""}}'),
    textarea('handleResult', '办理情况', { required: true, minLength: 5, maxLength: 2000 }),
    radio('adoption', '采纳情况', [['adopted', '采纳'], ['partly', '部分采纳'], ['explained', '解释说明']], { required: true }),
  ]),
  form('opinion-review', [
    summary('Text_reviewSummary'),
    note('Text_reviewResult', '办理情况：{{handleResult}}'),
    radio('reviewDecision', '审核意见', [['publish', '同意，发布答复'], ['rework', '退回重办']], { required: true }),
    textarea('reviewComment', '退回意见', { required: true, maxLength: 500, hide: '=reviewDecision != "rework"' }),
    textarea('replyText', '答复内容（居民可见）', { required: true, minLength: 5, maxLength: 2000, hide: '=reviewDecision != "publish"' }),
  ]),
  form('opinion-revisit', [
    summary('Text_revisitSummary'),
    note('Text_revisitReply', '答复：{{replyText}}'),
    radio('satisfaction', '满意度', satisfactionOptions, { required: true }),
    textarea('revisitNote', '回访记录', { maxLength: 500 }),
  ]),
];

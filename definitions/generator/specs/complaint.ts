import { boundary, end, flow, gateway, notify, publicReply, script, start, timerDefinition, userTask } from '../bpmn-nodes.js';
import type { ProcessSpec } from '../bpmn-spec.js';

const due = (days: number | string) => `=add working days(now(), ${days})`;

/** 投诉 接诉即办: accept → dispatch with a time limit → handle (reminder, 督办, extension) → reply → revisit. */
export const complaint: ProcessSpec = {
  id: 'complaint',
  name: '投诉处理（接诉即办）',
  documentation:
    '居民投诉：居委会受理（或说明理由退回）→ 派单并确定 1/3/5/15 个工作日办理时限 → 承办方办理（到期前提醒，超时报街道督办，可申请延期）→ 答复居民 → 志愿者回访；不满意重办，最多 2 次 → 办结并记录响应、解决、满意情况。',
  nodes: [
    start('Start_Complaint', '居民提出投诉', { col: 0, row: 1 }, { form: 'complaint-intake' }),
    userTask('Task_Accept', '受理', { col: 1, row: 1 }, { groups: 'rc', form: 'complaint-accept', due: due(1) }),
    gateway('Gateway_Accepted', '是否受理？', { col: 2, row: 1 }),
    userTask('Task_Dispatch', '派单并确定时限', { col: 3, row: 1 }, { groups: 'rc', form: 'complaint-dispatch', due: due(1) }),
    script('Script_Limit', '计算办理时限', { col: 4, row: 1 }, {
      expression: '=if urgency = "urgent" then 1 else if urgency = "fast" then 3 else if urgency = "complex" then 15 else 5',
      result: 'limitDays',
    }),
    gateway('Gateway_Handle', '', { col: 5, row: 1 }),
    script('Script_Deadline', '确定办结期限', { col: 6, row: 1 }, {
      // A refused extension keeps the deadline it had; dispatch, an approved extension and a redo start a new one.
      expression: '=if requestExtension = true and extensionDecision = "reject" and handleDeadline != null then handleDeadline else add working days(now(), limitDays)',
      result: 'handleDeadline',
    }),
    userTask('Task_Handle', '办理', { col: 7, row: 1 }, { groups: '=handlerGroup', form: 'complaint-handle', due: '=handleDeadline' }),
    gateway('Gateway_Extension', '申请延期？', { col: 8, row: 1 }),
    userTask('Task_Extension', '审批延期', { col: 8, row: 0 }, { groups: 'rc', form: 'complaint-extension', due: due(1) }),
    userTask('Task_Reply', '答复居民', { col: 9, row: 1 }, { groups: 'rc', form: 'complaint-reply', due: due(1) }),
    publicReply('Send_Reply', '发布答复', { col: 10, row: 1 }, { variable: 'replyText' }),
    userTask('Task_Revisit', '回访', { col: 11, row: 1 }, { groups: 'vol', form: 'complaint-revisit', due: due(2) }),
    gateway('Gateway_Satisfied', '是否满意？', { col: 12, row: 1 }),
    script('Script_Redo', '重办（计次）', { col: 12, row: 0 }, { expression: '=if redoCount = null then 1 else redoCount + 1', result: 'redoCount' }),
    script('Script_Close', '结案统计', { col: 13, row: 1 }, {
      expression:
        '={responded: true, solved: satisfaction != "unsatisfied", satisfied: satisfaction = "satisfied", redoCount: if redoCount = null then 0 else redoCount, overdue: overdue = true}',
      result: 'statistics',
    }),
    end('End_Closed', '办结', { col: 14, row: 1 }),
    publicReply('Send_Returned', '告知退回原因', { col: 3, row: 2 }, { body: '您的投诉未予受理。原因：{{returnReason}}' }),
    end('End_Returned', '已退回', { col: 4, row: 2 }),
    boundary('Timer_Warning', '临近时限', 'Task_Handle', { col: 7, row: 1 }, {
      eventDefinition: timerDefinition('timeDate', '=date and time(handleDeadline) - duration("PT4H")'),
      interrupting: false,
      slot: 0,
    }),
    notify('Notify_Warning', '提醒承办方和居委会', { col: 8, row: 2 }, { groups: '{{handlerGroup}},rc', title: '投诉即将到期', body: '{{building}}号{{unit}}单元的投诉还有 4 小时到期，请承办方按时办结，居委会督促跟进。' }),
    end('End_Warned', '已提醒', { col: 9, row: 2 }),
    boundary('Timer_Overdue', '超时', 'Task_Handle', { col: 7, row: 1 }, {
      eventDefinition: timerDefinition('timeDate', '=date and time(handleDeadline)'),
      interrupting: false,
      slot: 1,
      outputs: { overdue: '=true' },
    }),
    notify('Notify_Overdue', '超时报街道', { col: 8, row: 3 }, { groups: 'street,rc', title: '投诉超时未办结', body: '{{building}}号{{unit}}单元的投诉已超过办理时限，请督办。' }),
    userTask('Task_Supervise', '街道督办', { col: 9, row: 3 }, { groups: 'street', form: 'complaint-supervise', due: due(1) }),
    end('End_Supervised', '已督办', { col: 10, row: 3 }),
  ],
  flows: [
    flow('Start_Complaint', 'Task_Accept'),
    flow('Task_Accept', 'Gateway_Accepted'),
    flow('Gateway_Accepted', 'Task_Dispatch', { name: '受理', isDefault: true }),
    flow('Gateway_Accepted', 'Send_Returned', { name: '退回', condition: '=acceptDecision = "return"' }),
    flow('Send_Returned', 'End_Returned'),
    flow('Task_Dispatch', 'Script_Limit'),
    flow('Script_Limit', 'Gateway_Handle'),
    flow('Gateway_Handle', 'Script_Deadline'),
    flow('Script_Deadline', 'Task_Handle'),
    flow('Task_Handle', 'Gateway_Extension'),
    flow('Gateway_Extension', 'Task_Extension', { name: '申请延期', condition: '=requestExtension = true' }),
    flow('Task_Extension', 'Gateway_Handle', { lane: 1 }),
    flow('Gateway_Extension', 'Task_Reply', { name: '已办结', isDefault: true }),
    flow('Task_Reply', 'Send_Reply'),
    flow('Send_Reply', 'Task_Revisit'),
    flow('Task_Revisit', 'Gateway_Satisfied'),
    flow('Gateway_Satisfied', 'Script_Redo', { name: '不满意，重办', condition: '=satisfaction = "unsatisfied" and (redoCount = null or redoCount < 2)' }),
    flow('Script_Redo', 'Gateway_Handle'),
    flow('Gateway_Satisfied', 'Script_Close', { name: '满意或已重办 2 次', isDefault: true }),
    flow('Script_Close', 'End_Closed'),
    flow('Timer_Warning', 'Notify_Warning'),
    flow('Notify_Warning', 'End_Warned'),
    flow('Timer_Overdue', 'Notify_Overdue'),
    flow('Notify_Overdue', 'Task_Supervise'),
    flow('Task_Supervise', 'End_Supervised'),
  ],
};

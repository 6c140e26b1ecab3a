import { boundary, callActivity, end, flow, gateway, notify, publicReply, script, start, timerDefinition, userTask } from '../bpmn-nodes.js';
import type { ProcessSpec } from '../bpmn-spec.js';

const due = (days: number | string) => `=add working days(now(), ${days})`;

/**
 * What the residents committee reads as the handling of a major matter, from how the three
 * meetings ended (evaluated over the called case's variables): returned at review, held and
 * evaluated, stopped by the owners' vote, or shelved after the hearings.
 */
const THREE_MEETINGS_OUTCOME =
  '=if reviewDecision = "return" then "议题经审核未列入“三会”：" + reviewComment ' +
  'else if evaluation != null then "已按“三会”程序听证、实施并评议，评议会平均 " + string(evaluation.average) + " 分（" + evaluation.rating + "）" ' +
  'else if voteResult != null and voteResult.passed = false then "业主表决" + voteResult.text + "，不予实施" ' +
  'else "经 " + string(hearingRound) + " 次听证仍未形成共识，暂缓实施"';

/** The most times an unsatisfied resident can reopen an opinion. */
export const MAX_REOPEN = 2;

/** 意见征集与反馈: collect from any channel, classify, dispatch, handle, review, reply publicly, revisit. */
export const opinion: ProcessSpec = {
  id: 'opinion',
  name: '意见征集与反馈',
  documentation:
    '多渠道（意见箱、公开电话、意见征求会、微信群、社区云）收集的居民意见：居委会 1 个工作日内受理分类 → 转交相关方办理（3 个工作日提醒）→ 居委会审核并公开答复 → 回访满意度；不满意重新办理，最多 2 次；属于重大事项的转“三会”。',
  nodes: [
    start('Start_Opinion', '收到居民意见', { col: 0, row: 1 }, { form: 'opinion-intake' }),
    userTask('Task_Classify', '受理分类', { col: 1, row: 1 }, { groups: 'rc', form: 'opinion-classify', due: due(1) }),
    gateway('Gateway_Major', '重大事项？', { col: 2, row: 1 }),
    gateway('Gateway_Handle', '', { col: 3, row: 1 }),
    userTask('Task_Handle', '办理', { col: 4, row: 1 }, { groups: '=handlerGroup', form: 'opinion-handle', due: due(5) }),
    gateway('Gateway_Handled', '', { col: 5, row: 1 }),
    userTask('Task_Review', '审核答复', { col: 6, row: 1 }, { groups: 'rc', form: 'opinion-review', due: due(1) }),
    gateway('Gateway_Review', '答复可以发布？', { col: 7, row: 1 }),
    publicReply('Send_Reply', '公开答复', { col: 8, row: 1 }, { variable: 'replyText' }),
    userTask('Task_Revisit', '回访', { col: 9, row: 1 }, { groups: 'rc,vol', form: 'opinion-revisit', due: due(3) }),
    gateway('Gateway_Satisfied', '是否满意？', { col: 10, row: 1 }),
    script('Script_Reopen', '重新办理（计次）', { col: 10, row: 0 }, { expression: '=if reopenCount = null then 1 else reopenCount + 1', result: 'reopenCount' }),
    script('Script_Close', '办结统计', { col: 11, row: 1 }, {
      expression: '={channel: channel, opinionType: opinionType, threeMeetings: needsThreeMeetings = true, satisfied: satisfaction != "unsatisfied", reopenCount: if reopenCount = null then 0 else reopenCount}',
      result: 'statistics',
    }),
    end('End_Closed', '办结', { col: 12, row: 1 }),
    callActivity('Call_ThreeMeetings', '重大事项“三会”', { col: 3, row: 2 }, {
      processId: 'three-meetings',
      inputs: { topicNo: '=topicNo', topicTitle: '=topicTitle', topicType: '=topicType', proposer: '"rc"', topicDescription: '=content', bylaw: '=bylaw' },
      outputs: { threeMeetingsEvaluation: '=evaluation', threeMeetingsVote: '=voteResult', handleResult: THREE_MEETINGS_OUTCOME },
    }),
    boundary('Timer_Reminder', '3 个工作日未办结', 'Task_Handle', { col: 4, row: 1 }, { eventDefinition: timerDefinition('timeDate', due(3)), interrupting: false }),
    notify('Notify_Reminder', '催办提醒', { col: 5, row: 3 }, { groups: 'rc', title: '意见办理提醒', body: '意见“{{content}}”已转交 3 个工作日，尚未办结，请跟踪督促。' }),
    end('End_Reminded', '已催办', { col: 6, row: 3 }),
  ],
  flows: [
    flow('Start_Opinion', 'Task_Classify'),
    flow('Task_Classify', 'Gateway_Major'),
    flow('Gateway_Major', 'Gateway_Handle', { name: '一般事项', isDefault: true }),
    flow('Gateway_Major', 'Call_ThreeMeetings', { name: '需“三会”', condition: '=needsThreeMeetings = true' }),
    flow('Call_ThreeMeetings', 'Gateway_Handled'),
    flow('Gateway_Handle', 'Task_Handle'),
    flow('Task_Handle', 'Gateway_Handled'),
    flow('Gateway_Handled', 'Task_Review'),
    flow('Task_Review', 'Gateway_Review'),
    flow('Gateway_Review', 'Send_Reply', { name: '发布', isDefault: true }),
    flow('Gateway_Review', 'Gateway_Handle', { name: '退回重办', condition: '=reviewDecision = "rework"' }),
    flow('Send_Reply', 'Task_Revisit'),
    flow('Task_Revisit', 'Gateway_Satisfied'),
    flow('Gateway_Satisfied', 'Script_Reopen', { name: '不满意', condition: `=satisfaction = "unsatisfied" and (reopenCount = null or reopenCount < ${MAX_REOPEN})` }),
    flow('Script_Reopen', 'Gateway_Handle', { lane: 1 }),
    flow('Gateway_Satisfied', 'Script_Close', { name: '满意或已重办 2 次', isDefault: true }),
    flow('Script_Close', 'End_Closed'),
    flow('Timer_Reminder', 'Notify_Reminder'),
    flow('Notify_Reminder', 'End_Reminded'),
  ],
};

import { catchEvent, end, flow, gateway, notify, script, start, timerDefinition, userTask } from '../bpmn-nodes.js';
import type { ProcessSpec } from '../bpmn-spec.js';
import { bylawFeel } from '../../bylaw-settings.js';

/**
 * The Civil Code art. 278 thresholds, overridable per community through the `bylaw` settings:
 * participation ≥ 2/3 of the area and of the owners; approval ≥ 3/4 of the participating area
 * and owners for the special matters (维修资金、改建重建、改变共有部分用途或经营), more than
 * 1/2 for the others.
 */
export const VOTE_RULES_FEEL =
  `={participation: ${bylawFeel('participationRatio')}, ` +
  `approval: if voteKind = "special" then ${bylawFeel('specialApprovalRatio')} ` +
  `else ${bylawFeel('ordinaryApprovalRatio')}, ` +
  'strict: voteKind != "special"}';

/** Double threshold over area and heads, from counted totals. */
export const VOTE_RESULT_FEEL =
  '={participationOk: votedArea >= voteRules.participation * totalArea and votedOwners >= voteRules.participation * totalOwners, ' +
  'approvalOk: if voteRules.strict then approveArea > voteRules.approval * votedArea and approveOwners > voteRules.approval * votedOwners ' +
  'else approveArea >= voteRules.approval * votedArea and approveOwners >= voteRules.approval * votedOwners, ' +
  'passed: participationOk and approvalOk, ' +
  'participationAreaRatio: if totalArea > 0 then decimal(votedArea / totalArea, 4) else 0, ' +
  'participationOwnerRatio: if totalOwners > 0 then decimal(votedOwners / totalOwners, 4) else 0, ' +
  'approvalAreaRatio: if votedArea > 0 then decimal(approveArea / votedArea, 4) else 0, ' +
  'approvalOwnerRatio: if votedOwners > 0 then decimal(approveOwners / votedOwners, 4) else 0, ' +
  'text: if not(participationOk) then "未通过：参与表决的面积或人数不足" else if not(approvalOk) then "未通过：同意的面积或人数不足" else "通过"}';

/** 业主共同决定（业主大会表决）: the shared call activity of the templates that need an owners' vote. */
export const ownerVote: ProcessSpec = {
  id: 'owner-vote',
  name: '业主共同决定（表决）',
  documentation:
    '由其他流程调用。输入：voteTopic 表决事项，voteKind（special 特别事项 / ordinary 一般事项），bylaw 本小区规约设置（participationRatio、specialApprovalRatio、ordinaryApprovalRatio，缺省按《民法典》第二百七十八条）。输出：voteResult（passed、各比例、text）。',
  nodes: [
    start('Start_Vote', '需要业主表决', { col: 0, row: 0 }),
    script('Script_Rules', '确定表决规则', { col: 1, row: 0 }, { expression: VOTE_RULES_FEEL, result: 'voteRules' }),
    userTask('Task_Notice', '发布表决公告', { col: 2, row: 0 }, { groups: 'oc', form: 'owner-vote-notice', due: '=add working days(now(), 2)' }),
    catchEvent('Timer_VoteClosed', '表决截止', { col: 3, row: 0 }, timerDefinition('timeDate', '=voteEnd + "T18:00:00+08:00"')),
    userTask('Task_Count', '计票（业委会计票，居委会监票）', { col: 4, row: 0 }, { groups: 'oc,rc', form: 'owner-vote-count', due: '=add working days(now(), 3)' }),
    script('Script_Result', '计算表决结果', { col: 5, row: 0 }, { expression: VOTE_RESULT_FEEL, result: 'voteResult' }),
    notify('Notify_Result', '公告表决结果', { col: 6, row: 0 }, {
      groups: 'resident,oc,rc,party',
      title: '业主表决结果：{{voteTopic}}',
      body: '“{{voteTopic}}”表决结果：{{voteResult.text}}。参与表决面积占比 {{voteResult.participationAreaRatio}}，人数占比 {{voteResult.participationOwnerRatio}}。',
    }),
    gateway('Gateway_Passed', '是否通过？', { col: 7, row: 0 }),
    end('End_Passed', '表决通过', { col: 8, row: 0 }),
    end('End_Failed', '表决未通过', { col: 8, row: 1 }),
  ],
  flows: [
    flow('Start_Vote', 'Script_Rules'),
    flow('Script_Rules', 'Task_Notice'),
    flow('Task_Notice', 'Timer_VoteClosed'),
    flow('Timer_VoteClosed', 'Task_Count'),
    flow('Task_Count', 'Script_Result'),
    flow('Script_Result', 'Notify_Result'),
    flow('Notify_Result', 'Gateway_Passed'),
    flow('Gateway_Passed', 'End_Passed', { name: '通过', condition: '=voteResult.passed = true' }),
    flow('Gateway_Passed', 'End_Failed', { name: '未通过', isDefault: true }),
  ],
};

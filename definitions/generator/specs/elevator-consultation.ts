import { catchEvent, end, flow, gateway, parallelLoop, publicReply, script, start, timerDefinition, userTask } from '../bpmn-nodes.js';
import type { ProcessSpec } from '../bpmn-spec.js';
import { bylawFeel } from '../../bylaw-settings.js';

const due = (days: number) => `=add working days(now(), ${days})`;

/** The most coordination meetings before a consultation is closed as failed. */
export const MAX_COORDINATIONS = 2;

/** The approval milestones of a Shanghai elevator retrofit, in order. */
export const ELEVATOR_MILESTONES = [
  ['application', '提交联合审批申请'],
  ['planning', '规划审批'],
  ['construction-permit', '施工许可'],
  ['construction', '施工安装'],
  ['acceptance', '竣工验收'],
  ['registration', '特种设备使用登记'],
] as const;

/**
 * Double threshold over the household table (one vote per household): participation ≥ 2/3 of
 * area and households, consent ≥ 3/4 of the participating area and households (Civil Code
 * art. 278, 改建附属设施), overridable through the bylaw settings like the owner vote.
 */
export const CONSENT_COUNT_FEEL =
  `={participationRatio: ${bylawFeel('participationRatio')}, ` +
  `consentRatio: ${bylawFeel('specialApprovalRatio')}, ` +
  'totalArea: sum(households.area), totalOwners: count(households), ' +
  'votedArea: sum(households[opinion != "no-reply"].area), votedOwners: count(households[opinion != "no-reply"]), ' +
  'approveArea: sum(households[opinion = "agree"].area), approveOwners: count(households[opinion = "agree"]), ' +
  'participationOk: votedArea >= participationRatio * totalArea and votedOwners >= participationRatio * totalOwners, ' +
  'consentOk: approveArea >= consentRatio * votedArea and approveOwners >= consentRatio * votedOwners, ' +
  'passed: participationOk = true and consentOk = true}';

/** 加装电梯意见征询: preparation → per-household consent → double-threshold count → (coordination and re-count) → notice → approval milestones. */
export const elevatorConsultation: ProcessSpec = {
  id: 'elevator-consultation',
  name: '加装电梯意见征询',
  documentation:
    '楼组发起加装电梯：前期准备（方案、费用分摊）→ 工作人员按纸质征询表逐户登记意见 → 按专有部分面积和户数双重计算：参与表决 ≥ 2/3，同意 ≥ 参与者的 3/4 → 未达到则召开协调会后重新登记计算（最多 2 次）→ 公示 10 日 → 联合审批、施工、验收、使用登记等节点逐项登记。',
  nodes: [
    start('Start_Elevator', '发起加装电梯意向', { col: 0, row: 1 }, { form: 'elevator-start' }),
    userTask('Task_Prepare', '前期准备', { col: 1, row: 1 }, { groups: 'rc,bl', form: 'elevator-prepare', due: due(15) }),
    gateway('Gateway_Consent', '', { col: 2, row: 1 }),
    userTask('Task_Consent', '逐户登记意见', { col: 3, row: 1 }, { groups: 'rc', form: 'elevator-consent', due: '=consultationEnd + "T18:00:00+08:00"' }),
    script('Script_Count', '计算参与和同意比例', { col: 4, row: 1 }, { expression: CONSENT_COUNT_FEEL, result: 'consentResult' }),
    gateway('Gateway_Passed', '达到法定比例？', { col: 5, row: 1 }),
    userTask('Task_Coordination', '召开协调会', { col: 5, row: 0 }, { groups: 'party,rc', form: 'elevator-coordination', due: due(10) }),
    script('Script_Round', '登记协调次数', { col: 4, row: 0 }, { expression: '=if coordinationRound = null then 1 else coordinationRound + 1', result: 'coordinationRound' }),
    publicReply('Send_Notice', '公示征询结果与方案', { col: 6, row: 1 }, {
      body: '{{building}}号{{unit}}单元加装电梯意见征询：参与 {{consentResult.votedOwners}}/{{consentResult.totalOwners}} 户，同意 {{consentResult.approveOwners}} 户，已达到法定比例。方案与费用分摊公示 10 日。',
    }),
    catchEvent('Timer_Notice', '公示期满', { col: 7, row: 1 }, timerDefinition('timeDuration', 'P10D')),
    userTask('Task_Milestone', '审批与建设节点登记', { col: 8, row: 1 }, {
      groups: 'rc,bl',
      form: 'elevator-milestone',
      loop: parallelLoop({
        collection: `=[${ELEVATOR_MILESTONES.map(([key, name]) => `{key: "${key}", name: "${name}"}`).join(', ')}]`,
        element: 'milestone',
        outputCollection: 'milestoneRecords',
        outputElement: '={key: milestone.key, doneOn: milestoneDoneOn, documentNo: documentNo}',
        sequential: true,
      }),
    }),
    publicReply('Send_Done', '告知电梯投入使用', { col: 9, row: 1 }, { body: '{{building}}号{{unit}}单元加装电梯已完成验收和使用登记，投入使用。' }),
    end('End_Done', '电梯投入使用', { col: 10, row: 1 }),
    publicReply('Send_Failed', '告知未达比例', { col: 5, row: 2 }, {
      body: '{{building}}号{{unit}}单元加装电梯意见征询经 {{coordinationRound}} 次协调仍未达到法定比例（参与 {{consentResult.votedOwners}}/{{consentResult.totalOwners}} 户，同意 {{consentResult.approveOwners}} 户），本次征询结束。',
    }),
    end('End_Failed', '征询未通过', { col: 6, row: 2 }),
  ],
  flows: [
    flow('Start_Elevator', 'Task_Prepare'),
    flow('Task_Prepare', 'Gateway_Consent'),
    flow('Gateway_Consent', 'Task_Consent'),
    flow('Task_Consent', 'Script_Count'),
    flow('Script_Count', 'Gateway_Passed'),
    flow('Gateway_Passed', 'Send_Notice', { name: '达到', condition: '=consentResult.passed = true' }),
    flow('Gateway_Passed', 'Task_Coordination', { name: '未达到', condition: `=consentResult.passed != true and (coordinationRound = null or coordinationRound < ${MAX_COORDINATIONS})` }),
    flow('Gateway_Passed', 'Send_Failed', { name: `已协调 ${MAX_COORDINATIONS} 次`, isDefault: true }),
    flow('Task_Coordination', 'Script_Round', { via: 'direct' }),
    flow('Script_Round', 'Gateway_Consent', { via: 'direct' }),
    flow('Send_Failed', 'End_Failed'),
    flow('Send_Notice', 'Timer_Notice'),
    flow('Timer_Notice', 'Task_Milestone'),
    flow('Task_Milestone', 'Send_Done'),
    flow('Send_Done', 'End_Done'),
  ],
};

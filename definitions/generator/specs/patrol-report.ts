import { boundary, end, flow, gateway, notify, script, start, timerDefinition, userTask } from '../bpmn-nodes.js';
import type { ProcessSpec } from '../bpmn-spec.js';

const due = (days: number | string) => `=add working days(now(), ${days})`;

/** After this many rectification rounds without a fix, the sub-district is told. */
export const ESCALATE_AFTER_ROUNDS = 3;

/** 楼组长/志愿者巡查上报: report → (urgent: notify at once) → dispatch → rectify in time → the reporter checks → repeat until fixed. */
export const patrolReport: ProcessSpec = {
  id: 'patrol-report',
  name: '楼组长/志愿者巡查上报',
  documentation:
    '楼组长、志愿者巡查楼栋和小区（垃圾清运、绿化、停车、消防通道等）发现问题，拍照定位上报：紧急问题立即通知居委会和物业 → 居委会派单并定整改时限 → 承办方整改，超时升级到党组织和居委会 → 上报人本人复查（复查任务直接派给发起上报的人），未整改到位则继续整改，第 3 轮仍未到位时报街道。',
  nodes: [
    start('Start_Report', '巡查发现问题', { col: 0, row: 2 }, { form: 'patrol-report' }),
    gateway('Gateway_Urgent', '紧急？', { col: 1, row: 2 }),
    notify('Notify_Urgent', '立即通知', { col: 2, row: 1 }, {
      groups: 'rc,pm',
      title: '紧急：{{building}}号 {{location}}',
      body: '{{reporterName}}巡查发现：{{description}}。请立即到场处置。',
    }),
    gateway('Gateway_Dispatch', '', { col: 3, row: 2 }),
    userTask('Task_Dispatch', '派单', { col: 4, row: 2 }, { groups: 'rc', form: 'patrol-dispatch', due: '=if urgent = true then now() + duration("PT2H") else add working days(now(), 1)', priority: '=if urgent = true then 90 else 50' }),
    gateway('Gateway_Rectify', '', { col: 5, row: 2 }),
    userTask('Task_Rectify', '整改', { col: 6, row: 2 }, { groups: '=handlerGroup', form: 'patrol-rectify', due: due('limitDays') }),
    // Addressed to the reporter in person (`initiator`, set by the runtime); the reporter's role stays
    // candidate so that, if the account is gone, the admin can hand it to another 楼组长/志愿者.
    userTask('Task_Check', '上报人复查', { col: 7, row: 2 }, { assignee: '=initiator', groups: '=reporterRole', form: 'patrol-check', due: due(2) }),
    gateway('Gateway_Fixed', '整改到位？', { col: 8, row: 2 }),
    script('Script_Round', '再次整改（计轮次）', { col: 8, row: 1 }, { expression: '=if rectifyRound = null then 2 else rectifyRound + 1', result: 'rectifyRound' }),
    gateway('Gateway_Escalate', `已整改 ${ESCALATE_AFTER_ROUNDS} 轮？`, { col: 7, row: 1 }, 'inclusiveGateway'),
    notify('Notify_Street', '报街道', { col: 7, row: 0 }, {
      groups: 'street,party',
      title: '巡查问题多次整改未到位',
      body: `{{building}}号 {{location}}：{{description}}。已整改 ${ESCALATE_AFTER_ROUNDS} 轮仍未到位，请街道协调。`,
    }),
    script('Script_Record', '记录巡查台账', { col: 9, row: 2 }, {
      expression: '={area: patrolArea, urgent: urgent = true, rounds: if rectifyRound = null then 1 else rectifyRound, escalated: escalated = true}',
      result: 'patrolRecord',
    }),
    notify('Notify_Fixed', '通知整改完成', { col: 10, row: 2 }, { groups: 'rc,bl', title: '巡查问题已整改', body: '{{building}}号 {{location}}的问题已整改到位，经复查确认。' }),
    end('End_Fixed', '已整改', { col: 11, row: 2 }),
    boundary('Timer_Overdue', '超过整改时限', 'Task_Rectify', { col: 6, row: 2 }, {
      eventDefinition: timerDefinition('timeDate', due('limitDays')),
      interrupting: false,
      outputs: { escalated: '=true' },
    }),
    notify('Notify_Overdue', '升级督办', { col: 7, row: 3 }, {
      groups: 'party,rc',
      title: '巡查问题整改超时',
      body: '{{building}}号 {{location}}的问题超过 {{limitDays}} 个工作日未整改，请督办。',
    }),
    end('End_Escalated', '已升级', { col: 8, row: 3 }),
    end('End_StreetNotified', '已报街道', { col: 8, row: 0 }),
  ],
  flows: [
    flow('Start_Report', 'Gateway_Urgent'),
    flow('Gateway_Urgent', 'Notify_Urgent', { name: '紧急', condition: '=urgent = true' }),
    flow('Gateway_Urgent', 'Gateway_Dispatch', { name: '一般', isDefault: true }),
    flow('Notify_Urgent', 'Gateway_Dispatch'),
    flow('Gateway_Dispatch', 'Task_Dispatch'),
    flow('Task_Dispatch', 'Gateway_Rectify'),
    flow('Gateway_Rectify', 'Task_Rectify'),
    flow('Task_Rectify', 'Task_Check'),
    flow('Task_Check', 'Gateway_Fixed'),
    flow('Gateway_Fixed', 'Script_Record', { name: '已到位', isDefault: true }),
    flow('Gateway_Fixed', 'Script_Round', { name: '未到位', condition: '=fixed = "no"' }),
    flow('Script_Round', 'Gateway_Escalate', { via: 'direct' }),
    flow('Gateway_Escalate', 'Notify_Street', { name: '第 3 轮未到位', condition: `=rectifyRound = ${ESCALATE_AFTER_ROUNDS + 1}` }),
    flow('Gateway_Escalate', 'Gateway_Rectify', { name: '继续整改', condition: '=true', via: 'direct' }),
    flow('Notify_Street', 'End_StreetNotified'),
    flow('Script_Record', 'Notify_Fixed'),
    flow('Notify_Fixed', 'End_Fixed'),
    flow('Timer_Overdue', 'Notify_Overdue'),
    flow('Notify_Overdue', 'End_Escalated'),
  ],
};

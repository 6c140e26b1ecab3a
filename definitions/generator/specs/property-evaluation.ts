import { boundary, end, flow, gateway, notify, parallelLoop, publicReply, script, start, timerDefinition, userTask } from '../bpmn-nodes.js';
import type { ProcessSpec } from '../bpmn-spec.js';
import { bylawFeel } from '../../bylaw-settings.js';

const due = (days: number) => `=add working days(now(), ${days})`;

/** Service dimensions every representative scores (0–100). */
export const SERVICE_DIMENSIONS = ['security', 'cleaning', 'greening', 'facilities', 'service'] as const;

const mean = (key: string) => `${key}: decimal(mean(scored.${key}), 1)`;

/** 物业服务年度评议: yearly, the company reports, representatives score, the meeting concludes, rectification if 不合格. */
export const propertyEvaluation: ProcessSpec = {
  id: 'property-evaluation',
  name: '物业服务年度评议',
  documentation:
    '每年 1 月自动发起（也可随时手动发起）：物业服务企业在居民会议上述职 → 确定评议代表和截止日期 → 代表分项打分（2/3 代表评完即结束；截止时不足 2/3 则重新组织）→ 计算各项平均分 → 评议会结论并公布 → 不合格则限期整改、验收。合格分数线取小区规约设置 bylaw.propertyPassScore，缺省 60 分。',
  nodes: [
    start('Start_Manual', '发起年度评议', { col: 0, row: 1 }, { form: 'property-evaluation-start' }),
    start('Start_Yearly', '每年 1 月', { col: 0, row: 0 }, { eventDefinition: timerDefinition('timeCycle', 'R/2027-01-11T09:00:00+08:00/P1Y') }),
    gateway('Gateway_Start', '', { col: 1, row: 1 }),
    script('Script_Year', '确定评议年度', { col: 2, row: 1 }, { expression: '=if evaluationYear = null then today().year - 1 else evaluationYear', result: 'evaluationYear' }),
    userTask('Task_Report', '物业年度述职', { col: 3, row: 1 }, { groups: 'pm', form: 'property-evaluation-report', due: due(10) }),
    gateway('Gateway_Reps', '', { col: 4, row: 1 }),
    userTask('Task_Reps', '确定评议代表', { col: 5, row: 1 }, { groups: 'rc,party', form: 'property-evaluation-reps', due: due(5) }),
    userTask('Task_Score', '代表分项打分', { col: 6, row: 1 }, {
      groups: 'rep',
      // The representative's own account when the table names one; none (null or '') leaves it for any rep to claim.
      assignee: '=representative.account',
      form: 'property-evaluation-score',
      due: '=scoringDeadline + "T18:00:00+08:00"',
      loop: parallelLoop({
        collection: '=representatives',
        element: 'representative',
        outputCollection: 'scores',
        outputElement: `={name: representative.name, ${SERVICE_DIMENSIONS.map((d) => `${d}: ${d}`).join(', ')}, comment: scoreComment}`,
        completion: '=numberOfCompletedInstances >= numberOfInstances * 2 / 3',
      }),
    }),
    script('Script_Average', '计算平均分', { col: 7, row: 1 }, {
      expression:
        `={scored: scores[item != null], respondents: count(scored), ${SERVICE_DIMENSIONS.map(mean).join(', ')}, ` +
        `overall: decimal(mean(for s in scored return (${SERVICE_DIMENSIONS.map((d) => `s.${d}`).join(' + ')}) / ${SERVICE_DIMENSIONS.length}), 1), ` +
        `passScore: ${bylawFeel('propertyPassScore')}, ` +
        'suggested: if overall >= passScore then "qualified" else "unqualified"}',
      result: 'evaluation',
    }),
    userTask('Task_Conclusion', '评议会结论', { col: 8, row: 1 }, { groups: 'party,rc', form: 'property-evaluation-conclusion', due: due(5) }),
    publicReply('Send_Result', '公布评议结果', { col: 9, row: 1 }, {
      body: '{{evaluationYear}} 年度物业服务评议：{{evaluation.respondents}} 位代表评分，综合平均 {{evaluation.overall}} 分。评议会结论：{{conclusionSummary}}',
    }),
    gateway('Gateway_Qualified', '是否合格？', { col: 10, row: 1 }),
    end('End_Qualified', '评议完成', { col: 11, row: 1 }),
    userTask('Task_Rectify', '物业限期整改', { col: 10, row: 2 }, { groups: 'pm', form: 'property-evaluation-rectify', due: due(20) }),
    userTask('Task_RectifyCheck', '整改验收', { col: 11, row: 2 }, { groups: 'rc,oc', form: 'property-evaluation-check', due: due(5) }),
    gateway('Gateway_Rectified', '整改到位？', { col: 12, row: 2 }),
    end('End_Rectified', '整改完成', { col: 13, row: 2 }),
    boundary('Timer_ScoringClosed', '评分截止', 'Task_Score', { col: 6, row: 1 }, { eventDefinition: timerDefinition('timeDate', '=scoringDeadline + "T18:00:00+08:00"') }),
    notify('Notify_TooFew', '评分不足 2/3', { col: 7, row: 2 }, {
      groups: 'rc,party',
      title: '物业评议未达有效人数',
      body: '{{evaluationYear}} 年度物业评议截止时评分代表不足 2/3，请重新确定评议代表和截止日期。',
    }),
  ],
  flows: [
    flow('Start_Manual', 'Gateway_Start'),
    flow('Start_Yearly', 'Gateway_Start'),
    flow('Gateway_Start', 'Script_Year'),
    flow('Script_Year', 'Task_Report'),
    flow('Task_Report', 'Gateway_Reps'),
    flow('Gateway_Reps', 'Task_Reps'),
    flow('Task_Reps', 'Task_Score'),
    flow('Task_Score', 'Script_Average'),
    flow('Script_Average', 'Task_Conclusion'),
    flow('Task_Conclusion', 'Send_Result'),
    flow('Send_Result', 'Gateway_Qualified'),
    flow('Gateway_Qualified', 'End_Qualified', { name: '合格', isDefault: true }),
    flow('Gateway_Qualified', 'Task_Rectify', { name: '不合格', condition: '=conclusion = "unqualified"' }),
    flow('Task_Rectify', 'Task_RectifyCheck'),
    flow('Task_RectifyCheck', 'Gateway_Rectified'),
    flow('Gateway_Rectified', 'End_Rectified', { name: '到位', isDefault: true }),
    flow('Gateway_Rectified', 'Task_Rectify', { name: '未到位', condition: '=rectified = "no"', via: 'under' }),
    flow('Timer_ScoringClosed', 'Notify_TooFew'),
    flow('Notify_TooFew', 'Gateway_Reps', { via: 'under' }),
  ],
};

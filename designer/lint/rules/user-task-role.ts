import { extensionOf, text, type LintRuleFactory } from '../lint-node.js';

/** A user task nobody can see in their inbox: no handling role, no named person, no assignee. */
export const userTaskRole: LintRuleFactory = () => ({
  check(node, reporter) {
    if (node.$type !== 'bpmn:UserTask') return;
    const assignment = extensionOf(node, 'zeebe:AssignmentDefinition');
    if (assignment === undefined) return reporter.report(node.id, '用户任务没有办理角色：请选择办理角色或指定人员');
    const filled = ['candidateGroups', 'candidateUsers', 'assignee'].some((name) => text(assignment[name]) !== '');
    if (!filled) reporter.report(node.id, '用户任务没有办理角色：请选择办理角色或指定人员');
  },
});

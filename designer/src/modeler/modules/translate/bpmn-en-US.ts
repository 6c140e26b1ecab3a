/** English for the Chinese lint messages of our own rules (everything else is English already). */
export const bpmnEnUS: Readonly<Record<string, string>> = {
  '用户任务没有办理角色：请选择办理角色或指定人员': 'User task has no handling role: pick a role or a person',
  '分支没有条件：请设置条件，或把它设为默认分支': 'Branch has no condition: set one, or make it the default branch',
};

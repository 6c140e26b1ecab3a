import { i18n } from '../i18n/index.js';

const zhCN = {
  title: '规约参数',
  lead: '本居民区管理规约中的表决比例、提案和自治金门槛等参数。流程模板从这里读取；修改只影响之后发起的案件，进行中的案件沿用发起时的参数。',
  setting: '参数',
  unit: '单位',
  defaultValue: '缺省值',
  basis: '依据',
  current: '本居民区',
  usesDefault: '采用缺省值',
  newValue: '修改为',
  range: '可设范围 {min}–{max}',
  rangeExclusive: '可设范围 {min}–{max}（不含 {max}）',
  reset: '恢复缺省',
  reason: '修改原因',
  reasonPlaceholder: '例如：业主大会表决通过修订管理规约',
  save: '保存修改',
  saved: '规约参数已保存，新发起的案件将按新参数办理',
  reasonRequired: '请填写修改原因',
  lastChange: '最近修改：{who}，{when}',
  neverChanged: '尚未修改，全部采用缺省值',
  readOnly: '只有社区管理员可以修改规约参数',
};

const enUS: typeof zhCN = {
  title: 'Bylaw settings',
  lead: 'Voting ratios, proposal and fund thresholds from this community’s bylaw. The templates read them; a change applies to cases started afterwards, running cases keep the settings they started with.',
  setting: 'Setting',
  unit: 'Unit',
  defaultValue: 'Default',
  basis: 'Basis',
  current: 'This community',
  usesDefault: 'default',
  newValue: 'Change to',
  range: 'allowed {min}–{max}',
  rangeExclusive: 'allowed {min}–{max} ({max} excluded)',
  reset: 'Use default',
  reason: 'Reason for the change',
  reasonPlaceholder: 'e.g. the owners’ assembly amended the bylaw',
  save: 'Save changes',
  saved: 'Bylaw settings saved; new cases use them',
  reasonRequired: 'Please give a reason',
  lastChange: 'Last changed by {who}, {when}',
  neverChanged: 'Never changed: every setting is the default',
  readOnly: 'Only the community admin can change the bylaw settings',
};

let installed = false;

/** Adds the page's texts (`bylaw.*`) when it first loads, so the inbox's bundle does not carry them. */
export function installBylawMessages(): void {
  if (installed) return;
  installed = true;
  i18n.global.mergeLocaleMessage('zh-CN', { bylaw: zhCN });
  i18n.global.mergeLocaleMessage('en-US', { bylaw: enUS });
}

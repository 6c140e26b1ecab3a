/**
 * Community bylaw settings (软法规约) the templates read from the `bylaw` variable, with the
 * value used when a community has not set its own. `feel` is how the default is written in the
 * templates' FEEL, so a test can check both say the same.
 */
export interface BylawSetting {
  readonly key: string;
  readonly zh: string;
  readonly en: string;
  readonly defaultValue: number;
  readonly feel: string;
  readonly basis?: string;
}

export const bylawSettings = {
  participationRatio: {
    key: 'participationRatio',
    zh: '参与表决的专有部分面积和人数比例下限',
    en: 'minimum share of area and of owners taking part in a vote',
    defaultValue: 2 / 3,
    feel: '2/3',
    basis: '《民法典》第二百七十八条',
  },
  specialApprovalRatio: {
    key: 'specialApprovalRatio',
    zh: '特别事项（维修资金、改建重建、改变共有部分用途或经营）同意比例下限（含本数）',
    en: 'minimum consent (inclusive) of the participating area and owners for special matters',
    defaultValue: 3 / 4,
    feel: '3/4',
    basis: '《民法典》第二百七十八条',
  },
  ordinaryApprovalRatio: {
    key: 'ordinaryApprovalRatio',
    zh: '一般事项同意比例（须超过此比例）',
    en: 'consent share of the participating area and owners that ordinary matters must exceed',
    defaultValue: 1 / 2,
    feel: '1/2',
    basis: '《民法典》第二百七十八条',
  },
  proposalSupportDays: { key: 'proposalSupportDays', zh: '社区提案公示征集支持的天数', en: 'days a community proposal collects support', defaultValue: 14, feel: '14' },
  proposalSupportMin: { key: 'proposalSupportMin', zh: '社区提案进入评估所需的最少支持人数', en: 'supporters a proposal needs before feasibility review', defaultValue: 20, feel: '20' },
  fundHearingThreshold: { key: 'fundHearingThreshold', zh: '自治金项目需召开听证会的预算金额（元，超过即听证）', en: 'budget (yuan) above which a fund project needs a hearing', defaultValue: 5000, feel: '5000' },
  propertyPassScore: { key: 'propertyPassScore', zh: '物业服务评议合格分数线', en: 'pass mark of the property evaluation', defaultValue: 60, feel: '60' },
} as const satisfies Record<string, BylawSetting>;

export type BylawSettingKey = keyof typeof bylawSettings;

/** FEEL that reads a setting with its default: `(if bylaw.x = null then <default> else bylaw.x)`. */
export function bylawFeel(key: BylawSettingKey): string {
  return `(if bylaw.${key} = null then ${bylawSettings[key].feel} else bylaw.${key})`;
}

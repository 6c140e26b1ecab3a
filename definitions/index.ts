import { bylawSettings, type BylawSettingKey } from './bylaw-settings.js';

export { bylawSettings, type BylawSetting, type BylawSettingKey } from './bylaw-settings.js';

/** DOMAIN.md role keys (candidate groups). */
export type RoleKey = 'party' | 'rc' | 'oc' | 'pm' | 'bl' | 'vol' | 'rep' | 'resident' | 'street';

/** One template of the community workflow library, as the template library lists it. */
export interface TemplateEntry {
  /** Process id, also the file name under `templates/`. */
  readonly key: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly description: { readonly zh: string; readonly en: string };
  /** Every form the template links (start form first), files under `forms/<id>.form.json`. */
  readonly forms: readonly string[];
  /** Who may start a case (`public`: anyone, on the community's public intake page); empty for a template only other templates call. */
  readonly startRoles: readonly (RoleKey | 'public')[];
  /** Also started by the engine itself (timer start event). */
  readonly startsItself?: string;
  /** Templates it calls (call activities). */
  readonly calls: readonly string[];
  /** Bylaw settings it (or a template it calls) reads, with their defaults in `bylawSettings`. */
  readonly bylawSettings: readonly BylawSettingKey[];
  /** Messages it waits for: name and the variable that correlates them. */
  readonly messages: readonly { readonly name: string; readonly correlationKey: string; readonly zh: string }[];
}

const voteSettings: readonly BylawSettingKey[] = ['participationRatio', 'specialApprovalRatio', 'ordinaryApprovalRatio'];

/** The sub-district's template library: what every community starts from. */
export const templateCatalogue: readonly TemplateEntry[] = [
  {
    key: 'complaint',
    name: { zh: '投诉处理（接诉即办）', en: 'Complaint handling (respond on receipt)' },
    description: {
      zh: '受理或退回 → 派单并定 1/3/5/15 个工作日时限 → 办理（到期前 4 小时提醒，超时报街道督办，可申请延期）→ 答复 → 志愿者回访；不满意重办最多 2 次；记录响应、解决、满意情况。',
      en: 'Accept or return → dispatch with a 1/3/5/15 working-day limit → handle (reminder 4 h before, sub-district supervision when overdue, extension requests) → reply → volunteer revisit; unsatisfied reopens at most twice; response/solution/satisfaction flags recorded.',
    },
    forms: ['complaint-intake', 'complaint-accept', 'complaint-dispatch', 'complaint-handle', 'complaint-extension', 'complaint-reply', 'complaint-revisit', 'complaint-supervise'],
    startRoles: ['public', 'resident', 'rc', 'bl'],
    calls: [],
    bylawSettings: [],
    messages: [],
  },
  {
    key: 'opinion',
    name: { zh: '意见征集与反馈', en: 'Opinion collection and feedback' },
    description: {
      zh: '多渠道收集 → 居委会 1 个工作日内受理分类 → 转交办理（3 个工作日提醒）→ 审核并公开答复 → 回访；不满意重新办理最多 2 次；重大事项转“三会”。',
      en: 'Any channel → classified by the residents committee within a working day → dispatched (reminder after 3 working days) → reviewed public reply → revisit; unsatisfied reopens at most twice; major matters go to the three meetings.',
    },
    forms: ['opinion-intake', 'opinion-classify', 'opinion-handle', 'opinion-review', 'opinion-revisit'],
    startRoles: ['public', 'resident', 'rc', 'bl', 'vol'],
    calls: ['three-meetings'],
    bylawSettings: voteSettings,
    messages: [],
  },
  {
    key: 'three-meetings',
    name: { zh: '重大事项“三会”', en: 'Major decision: the three meetings' },
    description: {
      zh: '议题审核 → 听证会（未形成共识修改后再听证，最多 3 次）→ 需要时业主表决 → 实施（有争议随时召开协调会）→ 评议会代表分别打分，汇总公布。',
      en: 'Topic review → hearing (revise and hear again, at most 3 times) → owners’ vote when the topic type needs one → implementation (a coordination meeting whenever a dispute is raised) → evaluation meeting: representatives score in parallel, averaged and published.',
    },
    forms: [
      'three-meetings-topic',
      'three-meetings-review',
      'three-meetings-hearing-notice',
      'three-meetings-hearing-minutes',
      'three-meetings-revise',
      'three-meetings-implement',
      'three-meetings-coordination',
      'three-meetings-evaluation-setup',
      'three-meetings-score',
    ],
    startRoles: ['oc', 'party', 'rc'],
    calls: ['owner-vote'],
    bylawSettings: voteSettings,
    messages: [{ name: 'three-meetings-dispute', correlationKey: 'topicNo', zh: '实施中出现争议（变量 disputeDescription）' }],
  },
  {
    key: 'owner-vote',
    name: { zh: '业主共同决定（表决）', en: 'Owners’ vote' },
    description: {
      zh: '由其他流程调用：表决公告 → 表决期满 → 计票 → 按规约设置（缺省《民法典》第二百七十八条）计算面积和人数双重比例 → 公告结果。输入 voteTopic、voteKind（special/ordinary）、bylaw；输出 voteResult。',
      en: 'Called by other templates: notice → voting period → count → double threshold over area and owners from the bylaw settings (Civil Code art. 278 by default) → result announced. In: voteTopic, voteKind (special/ordinary), bylaw; out: voteResult.',
    },
    forms: ['owner-vote-notice', 'owner-vote-count'],
    startRoles: [],
    calls: [],
    bylawSettings: voteSettings,
    messages: [],
  },
  {
    key: 'property-evaluation',
    name: { zh: '物业服务年度评议', en: 'Annual property service evaluation' },
    description: {
      zh: '物业述职 → 确定评议代表 → 代表分项打分（2/3 完成即结束，截止时不足则重新组织）→ 平均分 → 评议会结论并公布 → 不合格限期整改、验收。',
      en: 'Company report → representatives chosen → scoring by dimension (ends when 2/3 have scored; reorganised if too few by the deadline) → averages → meeting conclusion published → rectification and check when failed.',
    },
    forms: [
      'property-evaluation-start',
      'property-evaluation-report',
      'property-evaluation-reps',
      'property-evaluation-score',
      'property-evaluation-conclusion',
      'property-evaluation-rectify',
      'property-evaluation-check',
    ],
    startRoles: ['rc', 'party'],
    startsItself: 'R/2027-01-11T09:00:00+08:00/P1Y',
    calls: [],
    bylawSettings: ['propertyPassScore'],
    messages: [],
  },
  {
    key: 'community-proposal',
    name: { zh: '“东明72变”社区提案', en: '“Dongming 72 changes” community proposal' },
    description: {
      zh: '提交 → 形式审查并编号 → 公示征集支持 → 物业与业委会评估可行性 → 业主表决 → 制定计划、按里程碑实施 → 验收 → 公布成果。',
      en: 'Submit → formal review and numbering → support period → feasibility by the company and the owners committee → owners’ vote → plan and milestones → acceptance → published.',
    },
    forms: [
      'proposal-submit',
      'proposal-review',
      'proposal-support',
      'proposal-feasibility-pm',
      'proposal-feasibility-oc',
      'proposal-plan',
      'proposal-milestone',
      'proposal-acceptance',
      'proposal-fix',
    ],
    startRoles: ['resident', 'oc', 'pm'],
    calls: ['owner-vote'],
    bylawSettings: ['proposalSupportDays', 'proposalSupportMin', ...voteSettings],
    messages: [],
  },
  {
    key: 'self-governance-fund',
    name: { zh: '自治金项目（“自治邻里+”）', en: 'Self-governance fund project' },
    description: {
      zh: '申请（预算表、实施阶段）→ 居委会初审 → 超过门槛召开听证会 → 街道审批（可退回修改）→ 公示 5 个工作日（可提异议）→ 分阶段报告 → 验收 → 决算公开。',
      en: 'Apply with a budget and stages → residents committee review → hearing above the threshold → sub-district approval (or revise) → 5 working-day notice (objections possible) → stage reports → acceptance → public final accounts.',
    },
    forms: ['fund-apply', 'fund-review', 'fund-revise', 'fund-hearing', 'fund-approval', 'fund-objection', 'fund-stage-report', 'fund-acceptance', 'fund-rework', 'fund-accounts'],
    startRoles: ['oc', 'rep', 'vol', 'resident'],
    calls: [],
    bylawSettings: ['fundHearingThreshold'],
    messages: [{ name: 'fund-objection', correlationKey: 'projectNo', zh: '公示期内的异议（变量 objectionText）' }],
  },
  {
    key: 'patrol-report',
    name: { zh: '楼组长/志愿者巡查上报', en: 'Building leader / volunteer patrol report' },
    description: {
      zh: '拍照定位上报 → 紧急问题立即通知 → 派单定时限 → 整改（超时升级）→ 上报人复查，未到位继续整改，第 3 轮仍未到位报街道。',
      en: 'Report with photos and location → urgent ones notified at once → dispatch with a limit → rectify (escalated when late) → the reporter checks; repeat until fixed, telling the sub-district after the third failed round.',
    },
    forms: ['patrol-report', 'patrol-dispatch', 'patrol-rectify', 'patrol-check'],
    startRoles: ['bl', 'vol'],
    calls: [],
    bylawSettings: [],
    messages: [],
  },
  {
    key: 'elevator-consultation',
    name: { zh: '加装电梯意见征询', en: 'Elevator installation consultation' },
    description: {
      zh: '前期准备 → 逐户登记书面意见 → 面积和户数双重计算（参与 ≥ 2/3，同意 ≥ 参与者 3/4）→ 未达到则协调会后重新计算（最多 2 次）→ 公示 10 日 → 审批与建设节点。',
      en: 'Preparation → household consent table from paper forms → double count over area and households (participation ≥ 2/3, consent ≥ 3/4 of participants) → coordination and re-count (at most twice) → 10-day notice → approval milestones.',
    },
    forms: ['elevator-start', 'elevator-prepare', 'elevator-consent', 'elevator-coordination', 'elevator-milestone'],
    startRoles: ['bl', 'rc'],
    calls: [],
    bylawSettings: ['participationRatio', 'specialApprovalRatio'],
    messages: [],
  },
];

/** Location of a template's BPMN file. */
export function templateUrl(key: string): URL {
  return new URL(`templates/${key}.bpmn`, import.meta.url);
}

/** Location of a form's JSON file. */
export function formUrl(formId: string): URL {
  return new URL(`forms/${formId}.form.json`, import.meta.url);
}

/** Default bylaw settings as the `bylaw` variable the templates read. */
export function defaultBylaw(): Record<BylawSettingKey, number> {
  return Object.fromEntries(Object.values(bylawSettings).map((s) => [s.key, s.defaultValue])) as Record<BylawSettingKey, number>; // keys come from the same table
}

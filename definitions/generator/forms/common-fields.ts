import { number, select, textfield, type Options } from '../form-builder.js';

/** Mainland mobile (11 digits) or a Shanghai-style landline with optional area code. */
export const PHONE_PATTERN = '^(1[3-9][0-9]{9}|(0[0-9]{2,3}-?)?[0-9]{7,8})$';

export const phone = (key = 'phone', label = '联系电话', required = true) =>
  textfield(key, label, { required, pattern: PHONE_PATTERN, description: '手机号或固定电话，如 13812345678、021-58881234' });

export const building = (key = 'building') => number(key, '楼号', { required: true, min: 1, max: 300, decimalDigits: 0, columns: 4 });
export const unit = (key = 'unit', required = true) => number(key, '单元', { required, min: 1, max: 30, decimalDigits: 0, columns: 4 });
export const room = (key = 'room') => textfield(key, '室号', { pattern: '^[0-9]{3,4}$', description: '如 1203', columns: 4 });

/** A sign-in name as the runtime accepts it (runtime/identity/routes/identity-schemas.ts, UserIdSchema). */
export const ACCOUNT_PATTERN = '^[a-z0-9][a-z0-9_.@-]*$';

/**
 * A representative's own account in this system, in a representatives table: the scoring task
 * the process makes for the row is assigned to it (`assignee="=representative.account"`), so only
 * that person may score. Left empty, the task is for any representative (`rep`) to claim, e.g.
 * when staff enter a paper score.
 */
export const representativeAccount = () =>
  textfield('account', '系统账号（可选，填写后由本人打分）', {
    maxLength: 64,
    pattern: ACCOUNT_PATTERN,
    description: '代表登录本系统的账号（小写登录名）；不填则任何评议代表都可认领，如工作人员代录纸质评分',
  });

/** How the matter reached the community (意见箱、热线、座谈会、微信群、上门、线上平台). */
export const channelOptions: Options = [
  ['phone', '电话（业委会/物业公开电话）'],
  ['box', '意见征集箱'],
  ['meeting', '意见征求会'],
  ['wechat', '社区微信群'],
  ['visit', '来访/上门'],
  ['online', '线上平台（社区云/街道治理平台）'],
];
/**
 * A resident's own submission (public intake page or the app) arrives online, so that is the
 * default; staff recording a call, a box or a visit pick the channel it came by.
 */
/**
 * FEEL for a text template that shows a choice field by its Chinese label (the variable holds the
 * stable English value, e.g. `box`), falling back to the value for one no option names.
 */
export const optionLabelFeel = (key: string, options: Options): string => `${options.map(([value, label]) => `if ${key} = "${value}" then "${label}"`).join(' else ')} else ${key}`;

export const channel = () => select('channel', '渠道', channelOptions, { required: true, defaultValue: 'online' });

export const categoryOptions: Options = [
  ['repair', '设施报修'],
  ['noise', '噪音扰民'],
  ['parking', '停车管理'],
  ['greening', '绿化养护'],
  ['sanitation', '环境卫生'],
  ['other', '其他'],
];

/** Who a matter is dispatched to (派单对象): role keys of DOMAIN.md. */
export const handlerOptions: Options = [
  ['pm', '物业服务企业'],
  ['rc', '居委会'],
  ['oc', '业委会'],
];

export const satisfactionOptions: Options = [
  ['satisfied', '满意'],
  ['basic', '基本满意'],
  ['unsatisfied', '不满意'],
];

import { HttpError } from '../plugins/http-error.js';

/** The identity layer's refusals, as the HTTP layer answers them (Chinese first, then English). */
export const identityErrors = {
  unauthenticated: () => new HttpError(401, 'WF_UNAUTHENTICATED', '请先登录 / please sign in'),
  badToken: () => new HttpError(401, 'WF_UNAUTHENTICATED', 'API 令牌无效、已过期或已撤销 / the API token is invalid, expired or revoked'),
  loginFailed: () => new HttpError(401, 'WF_LOGIN_FAILED', '用户名或密码错误 / wrong user name or password'),
  locked: (by: 'account' | 'address', retryAfterMs: number) => {
    const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
    return by === 'account'
      ? new HttpError(429, 'WF_ACCOUNT_LOCKED', `登录失败次数过多，账户已临时锁定，请 ${minutes} 分钟后再试 / too many failed sign-ins: this account is locked, try again in ${minutes} minute(s)`, { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) })
      : new HttpError(429, 'WF_ADDRESS_LOCKED', `此网络地址登录失败次数过多，请 ${minutes} 分钟后再试 / too many failed sign-ins from this address, try again in ${minutes} minute(s)`, { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) });
  },
  wrongPassword: () => new HttpError(403, 'WF_WRONG_PASSWORD', '当前密码错误 / the current password is wrong'),
  forbidden: (why = '你没有执行此操作的权限 / you are not allowed to do this') => new HttpError(403, 'WF_FORBIDDEN', why),
  notMember: (community: string) => new HttpError(403, 'WF_FORBIDDEN', `你不是居民区 ${community} 的成员 / you hold no role in community ${community}`, { community }),
  noCommunity: () => new HttpError(403, 'WF_FORBIDDEN', '请先选择居民区 / choose a community first'),
  csrf: () => new HttpError(403, 'WF_CSRF', '缺少或错误的 CSRF 令牌（请求头 x-csrf-token）/ missing or wrong CSRF token (header x-csrf-token)'),
  crossOrigin: () => new HttpError(403, 'WF_CSRF', '不接受来自其他网站的请求 / cross-site requests are refused'),
  passwordChangeRequired: () => new HttpError(403, 'WF_PASSWORD_CHANGE_REQUIRED', '请先修改一次性密码 / change your one-time password first'),
  rateLimited: (retryAfterMs: number) =>
    new HttpError(429, 'WF_RATE_LIMITED', `请求过于频繁，请稍后再试 / too many requests, try again later`, { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) }),
  notFound: (what: string) => new HttpError(404, 'WF_NOT_FOUND', `${what} 不存在 / ${what} not found`),
  conflict: (message: string) => new HttpError(409, 'WF_CONFLICT', message),
  invalid: (path: string, message: string) =>
    new HttpError(400, 'WF_REQUEST_INVALID', `请求有误：${message}`, { problems: [{ in: 'body', path, message }] }),
};

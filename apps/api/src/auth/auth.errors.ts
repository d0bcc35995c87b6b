import { declareErrors } from '../common/errors/error-catalogue';

/** Sign-in, sessions and the browser's CSRF check. */
export const AuthErrors = declareErrors('auth', {
  BAD_CREDENTIALS: { status: 401, message: '用户名或密码错误' },
  REFRESH_TOKEN_INVALID: { status: 401, message: '登录已失效，请重新登录' },
  ACCOUNT_LOCKED: { status: 423, message: '账户已锁定，请稍后重试' },
  CSRF_MISMATCH: { status: 403, message: '请求缺少有效的 CSRF 令牌，请刷新页面后重试' },
});

import { declareErrors } from '../common/errors/error-catalogue';

/** People, their passwords and API tokens. */
export const UsersErrors = declareErrors('users', {
  USER_NOT_FOUND: { status: 404, message: '用户不存在' },
  USERNAME_TAKEN: { status: 409, message: '用户名已被使用' },
  LAST_ADMIN_GUARD: { status: 409, message: '不能移除自己的管理员角色' },
  PASSWORD_UNCHANGED: { status: 400, message: '新密码不能与当前密码相同' },
  TOKEN_NOT_FOUND: { status: 404, message: '令牌不存在或已吊销' },
});

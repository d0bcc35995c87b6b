import { declareErrors } from '../common/errors/error-catalogue';

/** Codes of the bulletins (通报) of rectification ledgers. */
export const BulletinErrors = declareErrors('bulletins', {
  BULLETIN_NOT_FOUND: { status: 404, message: '通报不存在' },
});

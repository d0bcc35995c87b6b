import { declareErrors } from '../common/errors/error-catalogue';

/** Codes of rectification ledgers (the ledger itself; its items are rectification.errors.ts). */
export const LedgerErrors = declareErrors('ledgers', {
  LEDGER_NOT_FOUND: { status: 404, message: '整改台账不存在' },
});

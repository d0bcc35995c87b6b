import { declareErrors } from '../common/errors/error-catalogue';

/** Codes of the end-to-end check (diagnostics). */
export const DiagnosticsErrors = declareErrors('diagnostics', {
  ROUND_TRIP_NOT_RECORDED: { status: 404, message: '尚未记录该检查（流程可能仍在运行）' },
});

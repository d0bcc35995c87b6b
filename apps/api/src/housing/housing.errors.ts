import {
  HOUSEHOLD_REFUSAL_CODES,
  type HouseholdRefusalCode,
} from '../../../../libs/domain/src/housing/household-process';
import { declareErrors, type ErrorDefinition } from '../common/errors/error-catalogue';

/** Codes of the housing-repair programmes, their imports and households. */
export const HousingErrors = declareErrors('housing', {
  PROGRAMME_NOT_FOUND: { status: 404, message: '危房改造项目不存在' },
  HOUSEHOLD_NOT_FOUND: { status: 404, message: '农户不存在' },
  IMPORT_NOT_FOUND: { status: 404, message: '导入批次不存在' },
  NOT_YOUR_HOUSEHOLD: { status: 403, message: '无权对该户执行此操作' },
});

/**
 * The household pipeline's refusals (HOUSEHOLD_REFUSAL_CODES, answered 409 with the refusal's own
 * reason; the messages here are the general wording): what its step routes may answer.
 */
export const HouseholdRefusals = declareErrors('housing-process', {
  FINISHED: { status: 409, message: '该户已入住，改造已完成' },
  WITHDRAWN: { status: 409, message: '该户已退出改造，不能再办理' },
  UNKNOWN_EVIDENCE: { status: 409, message: '佐证材料未上传到该户' },
  NOT_DANGEROUS: { status: 409, message: '房屋不属于危房改造对象（须为 C 级或 D 级）' },
  NOTICE_RUNNING: { status: 409, message: '公示期尚未结束' },
  NOT_ACCEPTANCE_PARTY: { status: 409, message: '只有验收双方（县住建局、乡镇）可以退回验收' },
  NO_NOTICE: { status: 409, message: '当前不在公示期内，不能登记公示异议' },
  NO_SUCH_OBJECTION: { status: 409, message: '没有该待处理的异议' },
  NOT_APPROVER: { status: 409, message: '公示异议须由本级审批单位处理' },
  DUPLICATE_EVIDENCE: { status: 409, message: '该佐证材料已登记' },
  PAYMENT_NOT_REFUSED: { status: 409, message: '只有被支付渠道拒绝的补助才能重新发起兑付' },
  TOO_LATE_TO_WITHDRAW: { status: 409, message: '已验收进入资金兑付的农户不能退出' },
  BAD_OCCURRED_ON: { status: 409, message: '发生日期晚于今天或早于上一环节的日期' },
} satisfies Record<HouseholdRefusalCode, ErrorDefinition>);

/** Every refusal of the household pipeline, for `@ApiErrors` on the routes that send it a step. */
export const HOUSEHOLD_REFUSALS = HouseholdRefusals.pick(...HOUSEHOLD_REFUSAL_CODES);

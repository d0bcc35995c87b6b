import type { HouseholdRefusalCode } from '../../../../libs/domain/src/housing/household-process';
import { declareErrors, type DeclaredError } from '../common/errors/error-catalogue';

/** Codes of the housing-repair programmes, their imports and households. */
export const HousingErrors = declareErrors('housing', {
  PROGRAMME_NOT_FOUND: { status: 404, message: '危房改造项目不存在' },
  HOUSEHOLD_NOT_FOUND: { status: 404, message: '农户不存在' },
  IMPORT_NOT_FOUND: { status: 404, message: '导入批次不存在' },
  NOT_YOUR_HOUSEHOLD: { status: 403, message: '无权对该户执行此操作' },
  // The household pipeline's own refusals, which the API also gives before sending a step.
  FINISHED: { status: 409, message: '该户已入住，改造已完成' },
  WITHDRAWN: { status: 409, message: '该户已退出改造，不能再办理' },
});

/**
 * The general wording of each refusal of the household process (HOUSEHOLD_REFUSAL_CODES; answered
 * 409 with the refusal's own reason). Listed, not declared: other processes refuse with some of the
 * same codes (DUPLICATE_EVIDENCE …) in their own words.
 */
const REFUSAL_MESSAGES: Record<HouseholdRefusalCode | 'UNSTORABLE_TEXT', string> = {
  FINISHED: HousingErrors.definitions.FINISHED.message,
  WITHDRAWN: HousingErrors.definitions.WITHDRAWN.message,
  UNKNOWN_EVIDENCE: '佐证材料未上传到该户',
  NOT_DANGEROUS: '房屋不属于危房改造对象（须为 C 级或 D 级）',
  NOTICE_RUNNING: '公示期尚未结束',
  NOT_ACCEPTANCE_PARTY: '只有验收双方（县住建局、乡镇）可以退回验收',
  NO_NOTICE: '当前不在公示期内，不能登记公示异议',
  NO_SUCH_OBJECTION: '没有该待处理的异议',
  NOT_APPROVER: '公示异议须由本级审批单位处理',
  DUPLICATE_EVIDENCE: '该佐证材料已登记',
  PAYMENT_NOT_REFUSED: '只有被支付渠道拒绝的补助才能重新发起兑付',
  TOO_LATE_TO_WITHDRAW: '已验收进入资金兑付的农户不能退出',
  BAD_OCCURRED_ON: '发生日期晚于今天或早于上一环节的日期',
  UNSTORABLE_TEXT: '文字中含有无法保存的字符',
};

/**
 * What a step on a household may answer besides the workflow command's own codes
 * (WORKFLOW_COMMAND_ERRORS): the household not found or not the caller's to act on, a household
 * that has finished or withdrawn, and the refusals `decideHousehold` gives the step (`codes`).
 */
export const householdStepErrors = (
  ...codes: Array<HouseholdRefusalCode | 'UNSTORABLE_TEXT'>
): DeclaredError[] => [
  ...HousingErrors.pick('HOUSEHOLD_NOT_FOUND', 'NOT_YOUR_HOUSEHOLD', 'FINISHED', 'WITHDRAWN'),
  ...codes.map((code) => ({ code, status: 409, message: REFUSAL_MESSAGES[code] })),
];

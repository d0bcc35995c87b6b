import type { ItemRefusalCode } from '../../../../libs/domain/src/rectification/item-process';
import { declareErrors, type DeclaredError } from '../common/errors/error-catalogue';

/** Codes of rectification items: finding one, registering one, the per-object check, its notices. */
export const RectificationErrors = declareErrors('rectification', {
  ITEM_NOT_FOUND: { status: 404, message: '问题不存在' },
  NOT_YOUR_ITEM: { status: 403, message: '无权对该问题执行此操作' },
  REGISTRATION_PENDING: { status: 503, message: '问题已受理，流程服务繁忙，稍后将出现在台账中' },
  NOTICE_NOT_FOUND: { status: 404, message: '督办通知不存在' },
});

/**
 * The general wording of each refusal of the item process (ITEM_REFUSAL_CODES; answered 409 with
 * the refusal's own reason). Listed by hand, not declared: other processes refuse with some of the
 * same codes (NOT_SUBMITTED, NOT_PAUSED …) in their own words.
 */
const REFUSAL_MESSAGES: Record<ItemRefusalCode, string> = {
  ITEM_CLOSED: '该问题已销号，不能再办理',
  NOT_RECTIFYING: '当前状态不能标记基本整改到位',
  CANNOT_SUBMIT: '当前状态不能提交销号申请',
  NOT_SUBMITTED: '该问题尚未提交销号申请',
  SAME_PERSON: '新责任人与现责任人相同',
  EXTENSION_PENDING: '已有延期申请待审批',
  DEADLINE_PASSED: '整改期限已过，不能再申请延期',
  NOT_LATER: '延期后的期限必须晚于现期限',
  BASIC_AFTER_FULL: '基本整改期限不能晚于全面整改期限',
  NO_EXTENSION_PENDING: '没有待审批的延期申请',
  ALREADY_PAUSED: '计时已暂停',
  NOT_PAUSED: '计时未暂停',
  NOT_CLOSED: '只有已销号的问题才能回头看重新打开',
  NOTHING_TO_DECIDE: '该级督办无需或已记录领导决定',
};

/** A refusal of the item workflow's update validator, as a route lists it. */
const refusal = (code: ItemRefusalCode | 'UNSTORABLE_TEXT'): DeclaredError => ({
  code,
  status: 409,
  message: code === 'UNSTORABLE_TEXT' ? '文字中含有无法保存的字符' : REFUSAL_MESSAGES[code],
});

/**
 * What a step on an item may answer besides the workflow command's own codes
 * (WORKFLOW_COMMAND_ERRORS): the item not found or not the caller's to act on, text Postgres
 * cannot store, and the refusals `decide` gives this step (`codes`).
 */
export const itemStepErrors = (...codes: ItemRefusalCode[]): DeclaredError[] => [
  ...RectificationErrors.pick('ITEM_NOT_FOUND', 'NOT_YOUR_ITEM'),
  ...(['UNSTORABLE_TEXT', ...codes] as const).map(refusal),
];

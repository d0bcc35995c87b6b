import type { CampaignRefusalCode } from '../../../../libs/domain/src/campaign/campaign-rules';
import type { TaskRefusalCode } from '../../../../libs/domain/src/campaign/task-process';
import { declareErrors, type DeclaredError } from '../common/errors/error-catalogue';

/** Codes of campaigns (百日攻坚): plans, launch, pledges, tasks, notices, bulletins and reports. */
export const CampaignErrors = declareErrors('campaigns', {
  CAMPAIGN_NOT_FOUND: { status: 404, message: '攻坚行动不存在' },
  PLAN_VERSION_NOT_FOUND: { status: 404, message: '计划版本不存在' },
  TASK_NOT_FOUND: { status: 404, message: '任务不存在' },
  NOTICE_NOT_FOUND: { status: 404, message: '督办通知不存在' },
  BULLETIN_NOT_FOUND: { status: 404, message: '通报不存在' },
  ALREADY_LAUNCHED: { status: 409, message: '攻坚行动已启动' },
  CAMPAIGN_CLOSED: { status: 409, message: '攻坚行动已结束' },
  WINDOW_ENDED: { status: 409, message: '攻坚行动的时间窗口已结束，不能启动' },
  NOT_LAUNCHED: { status: 409, message: '攻坚行动尚未启动' },
  NOT_CLOSED: { status: 409, message: '攻坚行动尚未结束，没有总结报告' },
  DEPENDENCIES_OPEN: { status: 409, message: '须先完成并验收前置任务' },
  GROUP_TASK: { status: 409, message: '任务由子任务组成，请在子任务上办理' },
  NOT_PLEDGING_UNIT: { status: 403, message: '本单位不是该攻坚行动的责任单位，无需签订责任状' },
  NOT_YOUR_TASK: { status: 403, message: '无权办理其他单位的任务' },
  NOT_LEAD_UNIT: { status: 403, message: '只有牵头单位可以报请验收' },
  REASON_REQUIRED: { status: 400, message: '攻坚行动已启动，修改计划须说明理由' },
  BAD_EVENT_ID: { status: 400, message: 'Last-Event-ID 必须是事件编号（非负整数）' },
  DOCUMENT_UNREADABLE: { status: 400, message: '无法读取上传的实施方案' },
  PLAN_TOO_LARGE: { status: 413, message: '计划文件不能超过 1 MiB' },
  PLAN_INVALID: { status: 422, message: '计划有误' },
  PLAN_CHANGE_REFUSED: { status: 422, message: '新版本计划不能用于已启动的行动' },
  YAML_INVALID: { status: 422, message: 'YAML 格式有误' },
  LAUNCH_PENDING: { status: 503, message: '攻坚行动已启动，流程服务繁忙，任务清单稍后出现' },
});

/**
 * EVIDENCE_NOT_FOUND as a step's input answers it (400: the ids must name files uploaded here). The
 * download of a file that is not there answers the common 404 EVIDENCE_NOT_FOUND; one code cannot
 * be declared with two statuses, so this one is raised and listed by hand.
 */
export const EVIDENCE_NOT_UPLOADED_HERE: DeclaredError = {
  code: 'EVIDENCE_NOT_FOUND',
  status: 400,
  message: '佐证材料须先上传到本攻坚行动',
};

/** The general wording of each refusal of the campaign's and the tasks' workflows (their reasons say more). */
const REFUSAL_MESSAGES: Record<CampaignRefusalCode | TaskRefusalCode, string> = {
  UNSTORABLE_TEXT: '文字中含有无法保存的字符',
  CAMPAIGN_CLOSED: '攻坚行动已结束',
  NOT_PAUSED: '攻坚行动未暂停，无需恢复',
  ALREADY_PAUSED: '攻坚行动已暂停',
  NOT_PLEDGING_UNIT: '该单位不是本次攻坚行动的责任单位',
  ALREADY_PLEDGED: '该单位已签订责任状',
  REASON_REQUIRED: '须写明理由',
  PLAN_VERSION_STALE: '方案版本不晚于正在执行的版本',
  PLAN_CHANGE_REFUSED: '新方案不能用于正在进行的攻坚行动',
  TASK_CLOSED: '攻坚行动已结束，该任务不能再办理',
  CAMPAIGN_PAUSED: '攻坚行动已暂停，恢复后才能办理',
  ALREADY_ACCEPTED: '该任务已验收完成',
  NOT_IN_PROGRESS: '当前状态不能办理此步骤',
  NOT_SUBMITTED: '该任务尚未申请验收',
  QUANTITY_INVALID: '完成数量有误',
  PERCENT_INVALID: '完成比例有误',
  NARRATIVE_REQUIRED: '请填写进展情况',
  DEADLINE_NOT_LATER: '延期后的期限须晚于现期限',
  DEADLINE_INVALID: '期限不是有效的日期或时间',
  DEADLINE_PASSED: '期限已过，不能再延期',
  LEADERSHIP_ONLY: '只有领导小组可以作出决定',
  NOTHING_TO_DECIDE: '该级督办无需领导决定',
  DECISION_REQUIRED: '请选择决定',
};

/** A workflow's refusal (409, its code and reason), as the command routes list it. */
const refusals = (codes: readonly (CampaignRefusalCode | TaskRefusalCode)[]): DeclaredError[] =>
  codes.map((code) => ({ code, status: 409, message: REFUSAL_MESSAGES[code] }));

/** What the campaign workflow's update validator (decideCampaign) refuses any step with, and this step with. */
export const campaignRefusals = (...codes: CampaignRefusalCode[]): DeclaredError[] =>
  refusals(['UNSTORABLE_TEXT', 'CAMPAIGN_CLOSED', ...codes]);
/** What a task workflow's update validator (decideTask) refuses any step with, and this step with. */
export const taskRefusals = (...codes: TaskRefusalCode[]): DeclaredError[] =>
  refusals(['UNSTORABLE_TEXT', 'TASK_CLOSED', 'CAMPAIGN_PAUSED', 'ALREADY_ACCEPTED', ...codes]);

import { declareErrors } from './error-catalogue';

/**
 * Codes every area may answer: bad input, the access guard, idempotency, uploads and tables, and
 * outages. The exception filter maps errors that are not `ApiError`s (body parsers, Temporal,
 * Postgres) onto these.
 */
export const CommonErrors = declareErrors('common', {
  VALIDATION_FAILED: { status: 400, message: '请求参数有误' },
  INVALID_JSON: { status: 400, message: '请求内容不是有效的 JSON' },
  INVALID_BODY: { status: 400, message: '请求内容无法读取' },
  REQUEST_ABORTED: { status: 400, message: '请求在传输中中断' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '请求内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的请求内容类型' },
  UNSUPPORTED_ENCODING: { status: 415, message: '不支持的内容编码' },
  UNSUPPORTED_CHARSET: { status: 415, message: '不支持的字符集（请使用 UTF-8）' },
  NOT_AUTHENTICATED: { status: 401, message: '未登录或登录已失效' },
  ROUTE_WITHOUT_ROLES: { status: 403, message: '该接口未声明访问角色，已拒绝' },
  ROLE_NOT_ALLOWED: { status: 403, message: '当前角色无权执行此操作' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: '管理员已重置您的密码，请先设置新密码' },
  OTHER_UNIT: { status: 403, message: '无权操作其他单位的事项' },
  TOO_MANY_REQUESTS: { status: 429, message: '请求过于频繁，请稍后再试' },
  IDEMPOTENCY_KEY_INVALID: { status: 400, message: '请求头 Idempotency-Key 无效' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    message: '请求头 Idempotency-Key 已用于另一个请求，请为新的操作使用新的键',
  },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, message: '使用同一 Idempotency-Key 的请求仍在处理中，请稍后重试' },
  IDEMPOTENT_ANSWER_NOT_STORED: {
    status: 409,
    message: '使用同一 Idempotency-Key 的请求已执行成功，其结果含密钥，不保存、不重发',
  },
  FILE_MISSING: { status: 400, message: '请上传文件（字段名 file）' },
  FILE_TYPE: { status: 400, message: '仅支持 .xlsx 或 .csv 文件' },
  FILE_EMPTY: { status: 400, message: '文件为空' },
  FILE_UNREADABLE: { status: 400, message: '文件无法解析' },
  COLUMNS_MISSING: { status: 400, message: '文件缺少必需的列' },
  IMPORT_REJECTED: { status: 400, message: '导入未执行：有行有误，请修正后重新导入' },
  EVIDENCE_TYPE: { status: 415, message: '佐证材料的文件类型不受支持' },
  EVIDENCE_TYPE_MISMATCH: { status: 415, message: '文件内容与扩展名不符' },
  EVIDENCE_NOT_FOUND: { status: 404, message: '佐证材料不存在' },
  PROCESS_NOT_FOUND: { status: 404, message: '未找到对应的流程' },
  PROCESS_ALREADY_STARTED: { status: 409, message: '该流程已启动' },
  ILLEGAL_STEP: { status: 409, message: '当前状态不允许此操作' },
  ALREADY_EXISTS: { status: 409, message: '记录已存在（可能刚被其他请求创建）' },
  DATABASE_UNAVAILABLE: { status: 503, message: '数据库暂不可用，请稍后重试' },
  TEMPORAL_UNAVAILABLE: { status: 503, message: '流程引擎（Temporal）暂不可用，请稍后重试' },
  WORKER_UNAVAILABLE: { status: 503, message: '流程处理服务未在时限内接手本次操作，请稍后重试' },
  WORKFLOW_SERVICE_UNAVAILABLE: { status: 503, message: '流程服务暂不可用，请稍后重试' },
  INTERNAL_ERROR: { status: 500, message: '服务器内部错误' },
});

/** What a route that sends a command to a workflow may answer besides its own refusals. */
export const WORKFLOW_COMMAND_ERRORS = CommonErrors.pick(
  'TEMPORAL_UNAVAILABLE',
  'WORKER_UNAVAILABLE',
  'PROCESS_NOT_FOUND',
  'ILLEGAL_STEP',
);

/**
 * Messages shown to API callers, in both supported locales. Keys are stable;
 * `{name}` placeholders are filled from params. Entity names have their own
 * keys (`entity.*`) so "not found" reads naturally in both languages.
 */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

type Catalog = Record<string, { 'zh-CN': string; en: string }>;

const catalog = {
  'entity.organization': { 'zh-CN': '组织', en: 'Organization' },
  'entity.user': { 'zh-CN': '用户', en: 'User' },
  'entity.partnership': { 'zh-CN': '合作关系', en: 'Partnership' },
  'entity.invitation': { 'zh-CN': '邀请', en: 'Invitation' },
  'entity.part': { 'zh-CN': '物料', en: 'Part' },
  'entity.supplier': { 'zh-CN': '供应商', en: 'Supplier' },

  'entity.dataStandard': { 'zh-CN': '数据标准', en: 'Data standard' },
  'entity.standardVersion': { 'zh-CN': '标准版本', en: 'Standard version' },
  'standard.codeInvalid': {
    'zh-CN': '标准代码须为大写字母开头，由大写字母、数字和连字符组成（最多 32 位）',
    en: 'A standard code is upper case: a letter, then letters, digits and hyphens (at most 32)',
  },
  'standard.duplicateCode': { 'zh-CN': '标准代码 {code} 已存在', en: 'The standard code {code} already exists' },
  'standard.versionInvalid': {
    'zh-CN': '版本号须为语义化版本 MAJOR.MINOR.PATCH，例如 1.2.0',
    en: 'A version is semantic: MAJOR.MINOR.PATCH, e.g. 1.2.0',
  },
  'standard.versionExists': { 'zh-CN': '版本 {version} 已存在', en: 'Version {version} already exists' },
  'standard.notDraft': {
    'zh-CN': '只有草稿可以修改或删除，此版本状态为 {status}',
    en: 'Only drafts can be edited or deleted; this version is {status}',
  },
  'standard.contentKind': {
    'zh-CN': '代码表只能包含代码（codes），数据结构只能包含字段（fields）',
    en: 'A code list holds codes only, a record schema fields only',
  },
  'standard.patternUnsupported': {
    'zh-CN': '字段 {field} 的格式 {pattern} 无法使用：{reason}。格式由 RE2 在线性时间内执行，不支持前后断言（lookaround）和反向引用',
    en: 'Field {field}: the pattern {pattern} cannot be used: {reason}. Patterns run on RE2 in linear time, without lookaround or backreferences',
  },
  'standard.patternTooComplex': {
    'zh-CN': '字段 {field} 的格式使本版本的全部格式合计约需 {states} 个状态，上限为 {max}（计数重复 {n,m} 会使状态成倍增加）',
    en: 'Field {field}: with its pattern, the patterns of this version need about {states} states together, at most {max} (counted repetitions {n,m} multiply them)',
  },
  'standard.duplicateEntry': { 'zh-CN': '重复的{what}：{name}', en: 'Duplicate {what}: {name}' },
  'standard.entryInvalid': { 'zh-CN': '{what} {name}：{detail}', en: '{what} {name}: {detail}' },
  'standard.empty': {
    'zh-CN': '版本至少需要一个代码或字段才能发布',
    en: 'A version needs at least one code or field to be published',
  },
  'standard.versionNotGreater': {
    'zh-CN': '版本 {version} 必须大于已发布的版本 {previous}',
    en: 'Version {version} must be greater than the published version {previous}',
  },
  'standard.bumpTooSmall': {
    'zh-CN': '相对 {previous}，这些变更需要升级 {required} 版本号，而 {version} 只升级了 {actual}：{changes}',
    en: 'Against {previous} these changes need a {required} version step, but {version} is a {actual} step: {changes}',
  },
  'standard.unknownCodeList': {
    'zh-CN': '字段 {field} 引用的代码表 {codeList} 不存在或未发布',
    en: 'Field {field} refers to the code list {codeList}, which does not exist or is not published',
  },
  'standard.illegalTransition': { 'zh-CN': '标准版本不能从 {from} 变为 {to}', en: 'A standard version cannot go from {from} to {to}' },
  'standard.action.UPDATE': { 'zh-CN': '修改', en: 'edited' },
  'standard.action.DELETE': { 'zh-CN': '删除', en: 'deleted' },
  'standard.action.PUBLISH': { 'zh-CN': '发布', en: 'published' },
  'standard.action.DEPRECATE': { 'zh-CN': '弃用', en: 'deprecated' },
  'standard.action.ADOPT': { 'zh-CN': '采用', en: 'adopted' },
  'standard.action.REQUIRE': { 'zh-CN': '要求', en: 'required' },
  'standard.notPublished': {
    'zh-CN': '只有已发布（PUBLISHED）的版本可以{action}，此版本状态为 {status}',
    en: 'Only a PUBLISHED version can be {action}; this version is {status}',
  },
  'standard.sunsetPast': { 'zh-CN': '停用日期不能早于今天', en: 'The sunset date must not be in the past' },
  'entity.purchaseOrder': { 'zh-CN': '采购订单', en: 'Purchase order' },
  'entity.orderLine': { 'zh-CN': '订单行', en: 'Order line' },
  'entity.shipmentNotice': { 'zh-CN': '发货通知', en: 'Shipment notice' },
  'order.illegalAction': {
    'zh-CN': '订单当前状态为 {status}，不能{action}',
    en: 'The order is {status} and cannot be {action}',
  },
  'order.action.PUBLISH': { 'zh-CN': '发布', en: 'published' },
  'order.action.RESPOND': { 'zh-CN': '答复', en: 'answered' },
  'order.action.CONFIRM': { 'zh-CN': '确认', en: 'confirmed' },
  'order.action.RESOLVE': { 'zh-CN': '处理变更建议', en: 'have its change proposals resolved' },
  'order.action.REVISE': { 'zh-CN': '变更', en: 'revised' },
  'order.action.CANCEL': { 'zh-CN': '取消', en: 'cancelled' },
  'order.action.CLOSE': { 'zh-CN': '关闭', en: 'closed' },
  'order.action.SHIP': { 'zh-CN': '发货', en: 'shipped against' },
  'order.action.RECEIVE': { 'zh-CN': '收货', en: 'received against' },
  'order.illegalTransition': { 'zh-CN': '订单不能从 {from} 变为 {to}', en: 'An order cannot go from {from} to {to}' },
  'order.illegalLineTransition': {
    'zh-CN': '第 {line} 行当前状态为 {from}，不能变为 {to}',
    en: 'Line {line} is {from} and cannot become {to}',
  },
  'order.staleVersion': {
    'zh-CN': '订单已被修改（当前版本 {current}，提交的版本 {expected}），请刷新后重试',
    en: 'The order has changed (version {current}, you sent {expected}); reload and try again',
  },
  'order.duplicateNumber': { 'zh-CN': '订单号 {number} 已存在', en: 'Order number {number} already exists' },
  'order.numberInvalid': {
    'zh-CN': '订单号最多 40 位，由字母、数字和 - _ / . 组成',
    en: 'An order number has at most 40 letters, digits and - _ / .',
  },
  'order.noLines': { 'zh-CN': '订单至少需要一行', en: 'An order needs at least one line' },
  'order.tooManyLines': { 'zh-CN': '订单最多 {max} 行', en: 'An order has at most {max} lines' },
  'order.lineAmountTooLarge': {
    'zh-CN': '{field}（第 {line} 行）：数量 × 单价超出订单可容纳的最大金额 {max}',
    en: '{field} (line {line}): quantity × unit price exceeds the largest amount an order can hold, {max}',
  },
  'order.totalTooLarge': {
    'zh-CN': '{field}：订单总金额（各行数量 × 单价之和）超出订单可容纳的最大金额 {max}',
    en: '{field}: the order total (quantity × unit price over all lines) exceeds the largest amount an order can hold, {max}',
  },
  'order.quantityPositive': { 'zh-CN': '{field} 必须大于 0', en: '{field} must be greater than 0' },
  'order.priceNotNegative': { 'zh-CN': '{field} 不能为负数', en: '{field} must not be negative' },
  'order.partNotMapped': {
    'zh-CN': '第 {line} 行：物料 {partNumber} 未映射到该供应商',
    en: 'Line {line}: part {partNumber} is not mapped to this supplier',
  },
  'order.lineNotInOrder': { 'zh-CN': '订单中没有行 {lineId}', en: 'The order has no line {lineId}' },
  'order.duplicateLine': { 'zh-CN': '行 {lineId} 出现了多次', en: 'Line {lineId} appears more than once' },
  'order.reasonRequired': {
    'zh-CN': '第 {line} 行：{decision} 需要原因代码{andReason}',
    en: 'Line {line}: {decision} needs a reason code{andReason}',
  },
  'order.andReason': { 'zh-CN': '和原因说明', en: ' and a reason' },
  'order.proposalEmpty': {
    'zh-CN': '第 {line} 行：变更建议须给出与原值不同的数量、日期或价格',
    en: 'Line {line}: a proposal changes the quantity, date or price',
  },
  'order.nothingPending': { 'zh-CN': '订单没有待答复的行', en: 'The order has no line awaiting an answer' },
  'order.revisionEmpty': { 'zh-CN': '变更没有任何改动', en: 'The revision changes nothing' },
  'order.revisionNewLine': {
    'zh-CN': '新增行需要物料、数量、单价和要求日期',
    en: 'A new line needs partId, quantity, unitPrice and requestedDate',
  },
  'order.revisionCancelsAll': {
    'zh-CN': '变更不能取消所有行，请改为取消订单',
    en: 'A revision cannot cancel every line; cancel the order instead',
  },
  'order.overShipment': {
    'zh-CN': '第 {line} 行：累计发货 {total} 将超过确认数量 {limit}',
    en: 'Line {line}: {total} shipped in all would exceed the confirmed {limit}',
  },
  'order.lineNotAccepted': {
    'zh-CN': '第 {line} 行状态为 {status}，只能对已接受的行发货',
    en: 'Line {line} is {status}; only accepted lines can be shipped',
  },
  'order.overReceipt': {
    'zh-CN': '第 {line} 行：累计收货 {total} 将超过本次发货数量 {limit}',
    en: 'Line {line}: {total} received in all would exceed the {limit} shipped in this notice',
  },
  'order.lineNotShipped': {
    'zh-CN': '此发货通知中没有行 {lineId}',
    en: 'The shipment notice does not ship line {lineId}',
  },
  'order.arrivalBeforeShip': {
    'zh-CN': '预计到货日期不能早于发货日期',
    en: 'The expected arrival cannot be before the ship date',
  },
  'idempotency.reused': {
    'zh-CN': '幂等键 {key} 已用于另一个不同的请求',
    en: 'The idempotency key {key} was already used for a different request',
  },
  'entity.forecast': { 'zh-CN': '需求预测', en: 'Forecast' },
  'forecast.horizonStart': {
    'zh-CN': '周时段须从周一开始，月时段须从 1 日开始：{date} 不是',
    en: 'Weekly buckets start on a Monday, monthly ones on the 1st: {date} does not',
  },
  'forecast.bucketCounts': {
    'zh-CN': '须满足 1 ≤ firmBuckets ≤ bucketCount ≤ {max}',
    en: 'It must hold that 1 ≤ firmBuckets ≤ bucketCount ≤ {max}',
  },
  'forecast.lineLength': {
    'zh-CN': '第 {line} 行（物料 {part}）有 {actual} 个数量，应为 {expected} 个',
    en: 'Line {line} (part {part}) has {actual} quantities; {expected} expected',
  },
  'forecast.negative': {
    'zh-CN': '第 {line} 行第 {bucket} 个时段的数量为负数',
    en: 'Line {line}, bucket {bucket}: a quantity must not be negative',
  },
  'forecast.duplicatePart': { 'zh-CN': '物料 {part} 出现了多次', en: 'Part {part} appears more than once' },
  'forecast.notMapped': {
    'zh-CN': '物料 {part} 未映射到该供应商',
    en: 'Part {part} is not mapped to this supplier',
  },
  'forecast.tooManyLines': { 'zh-CN': '一次最多 {max} 个物料', en: 'At most {max} parts at a time' },
  'forecast.illegalTransition': { 'zh-CN': '预测不能从 {from} 变为 {to}', en: 'A forecast cannot go from {from} to {to}' },
  'forecast.superseded': {
    'zh-CN': '第 {revision} 版预测已被新版本取代，只能对当前版本承诺',
    en: 'Revision {revision} has been superseded; commit to the current revision',
  },
  'forecast.noBucket': {
    'zh-CN': '预测中没有物料 {part} 在 {period} 的时段',
    en: 'The forecast has no bucket for part {part} starting {period}',
  },
  'forecast.noteRequired': {
    'zh-CN': '物料 {part} 在 {period} 的承诺低于需求，请填写说明',
    en: 'Part {part}, {period}: a commitment below demand needs a note',
  },
  'forecast.duplicateCommitment': {
    'zh-CN': '物料 {part} 在 {period} 的承诺出现了多次',
    en: 'Part {part}, {period} is committed more than once',
  },
  'forecast.csvHeader': {
    'zh-CN': '表头须为 part_number（或 supplier_part_number），后面至少一个时段日期',
    en: 'The header needs part_number (or supplier_part_number) and at least one bucket date',
  },
  'forecast.csvKeyColumn': {
    'zh-CN': '第一列须为 part_number 或 supplier_part_number',
    en: 'The first column is part_number or supplier_part_number',
  },
  'forecast.csvDates': {
    'zh-CN': '应为 {expected}：时段日期须是连续的{unit}',
    en: 'Expected {expected}: bucket dates are consecutive {unit}',
  },
  'forecast.csvUnitWeek': { 'zh-CN': '周一', en: 'Mondays' },
  'forecast.csvUnitMonth': { 'zh-CN': '月初', en: 'first days of months' },
  'forecast.csvNoRows': { 'zh-CN': '没有数据行', en: 'No data rows' },
  'forecast.csvUnknownPart': { 'zh-CN': '未知物料号“{part}”', en: 'Unknown part number "{part}"' },
  'forecast.csvUnknownSupplierPart': { 'zh-CN': '未知供应商物料号“{part}”', en: 'Unknown supplier part number "{part}"' },
  'forecast.csvDuplicate': { 'zh-CN': '“{part}”已在第 {row} 行出现', en: '"{part}" is already on row {row}' },
  'forecast.csvCellCount': { 'zh-CN': '有 {actual} 个数量，应为 {expected} 个', en: '{actual} quantities; {expected} expected' },
  'forecast.csvNotQuantity': { 'zh-CN': '“{value}”不是数量（须为 ≥ 0 的小数）', en: '"{value}" is not a quantity (a decimal ≥ 0)' },
  'forecast.csvUnreadable': { 'zh-CN': 'CSV 无法解析：{detail}', en: 'The CSV cannot be read: {detail}' },
  'forecast.csvInvalid': {
    'zh-CN': 'CSV 有 {count} 处错误，未保存任何数据',
    en: 'The CSV has errors ({count}); nothing was stored',
  },
  'entity.replicationPackage': { 'zh-CN': '复制推广包', en: 'Replication package' },
  'entity.rollout': { 'zh-CN': '推广实施', en: 'Rollout' },
  'entity.checklistItem': { 'zh-CN': '检查项', en: 'Checklist item' },
  'replication.packageState': {
    'zh-CN': '推广包不能从 {from} 变为 {to}（只有草稿可以发布、已发布的可以归档）',
    en: 'A package cannot go from {from} to {to} (drafts are published, published ones archived)',
  },
  'replication.packageIllegalAction': {
    'zh-CN': '推广包当前状态为 {status}，不能{action}',
    en: 'The package is {status} and cannot be {action}',
  },
  'replication.packageAction.PUBLISH': { 'zh-CN': '发布', en: 'published' },
  'replication.packageAction.ARCHIVE': { 'zh-CN': '归档', en: 'archived' },
  'replication.packageAction.LAUNCH': { 'zh-CN': '推广', en: 'rolled out' },
  'replication.rolloutState': { 'zh-CN': '推广不能从 {from} 变为 {to}', en: 'A rollout cannot go from {from} to {to}' },
  'replication.packageNotPublished': {
    'zh-CN': '推广包状态为 {status}，只有已发布的推广包可以推广',
    en: 'The package is {status}; only a published package can be rolled out',
  },
  'replication.rolloutCompleted': { 'zh-CN': '此推广已完成，不能再修改', en: 'This rollout is completed and cannot change' },
  'replication.evidenceRequired': {
    'zh-CN': '检查项“{item}”需要提供证据（文字或链接）',
    en: 'The item "{item}" needs evidence (text or a link)',
  },
  'replication.unknownCriterion': { 'zh-CN': '未知的评估条目 {id}', en: 'Unknown criterion {id}' },
  'replication.duplicateAnswer': { 'zh-CN': '评估条目 {id} 回答了多次', en: 'Criterion {id} is answered more than once' },
  'entity.apiKey': { 'zh-CN': 'API 密钥', en: 'API key' },
  'entity.webhookSubscription': { 'zh-CN': 'Webhook 订阅', en: 'Webhook subscription' },
  'error.idInvalid': { 'zh-CN': '{field} 不是有效的编号', en: '{field} is not a valid id' },
  'error.apiKeyInvalid': {
    'zh-CN': 'API 密钥无效、已撤销，或其创建者已无权使用',
    en: 'The API key is invalid or revoked, or the administrator who created it no longer has access',
  },
  'audit.rangeInvalid': { 'zh-CN': '时间范围的开始晚于结束', en: 'The time range starts after it ends' },
  'apiKey.rolesRequired': { 'zh-CN': 'API 密钥至少需要一个角色', en: 'An API key needs at least one role' },
  'apiKey.roleNotHeld': {
    'zh-CN': 'API 密钥不能拥有您自己没有的角色：{roles}',
    en: 'An API key cannot hold roles you do not have yourself: {roles}',
  },
  'apiKey.userOnly': {
    'zh-CN': 'API 密钥只能由已登录的管理员创建或撤销，不能用 API 密钥操作',
    en: 'API keys are created and revoked by a signed-in administrator, not with an API key',
  },
  'webhook.urlInvalid': { 'zh-CN': 'Webhook 地址不是有效的 URL', en: 'The webhook URL is not a valid URL' },
  'webhook.httpsRequired': {
    'zh-CN': 'Webhook 地址须使用 https（仅允许列入 WEBHOOK_ALLOW_HOSTS 的主机使用 http）',
    en: 'A webhook URL must use https (http only for hosts listed in WEBHOOK_ALLOW_HOSTS)',
  },
  'webhook.credentialsInUrl': { 'zh-CN': 'Webhook 地址不能包含用户名或密码', en: 'A webhook URL must not contain a user name or password' },
  'webhook.addressForbidden': {
    'zh-CN': 'Webhook 主机 {host} 解析到内网、回环或链路本地地址，不允许（可由运维列入 WEBHOOK_ALLOW_HOSTS）',
    en: 'The webhook host {host} resolves to a private, loopback or link-local address, which is not allowed (operators may list it in WEBHOOK_ALLOW_HOSTS)',
  },
  'webhook.unresolvable': { 'zh-CN': '无法解析 Webhook 主机 {host}', en: 'The webhook host {host} cannot be resolved' },
  'webhook.eventsRequired': { 'zh-CN': '至少选择一个事件类型', en: 'Choose at least one event type' },
  'webhook.unknownEvent': {
    'zh-CN': '未知的事件类型 {event}；可用：{known}',
    en: 'Unknown event type {event}; known types: {known}',
  },
  'webhook.tooMany': { 'zh-CN': '每个组织最多 {max} 个 Webhook 订阅', en: 'An organization has at most {max} webhook subscriptions' },
  'order.nothingToAnswer': { 'zh-CN': '此订单没有待答复的行', en: 'No line of this order is awaiting an answer' },
  'ubl.invalid': { 'zh-CN': 'UBL 文档无法应用：{detail}', en: 'The UBL document cannot be applied: {detail}' },
  'ubl.ifMatchInvalid': { 'zh-CN': 'If-Match 须为订单版本号，例如 "3"', en: 'If-Match must be the order version, e.g. "3"' },
  'export.statusInvalid': { 'zh-CN': '未知的订单状态 {status}', en: 'Unknown order status {status}' },
  'export.dateInvalid': {
    'zh-CN': '{field} 须为带时区的 ISO 8601 时间，年份在 1900 到 9999 之间，例如 2026-12-01T08:00:00Z',
    en: '{field} must be an ISO 8601 date-time with a time zone, years 1900 to 9999, e.g. 2026-12-01T08:00:00Z',
  },
  'export.nulCharacter': {
    'zh-CN': '查询参数 {field} 不能包含 NUL（\\u0000）字符',
    en: 'The query parameter {field} must not contain NUL (\\u0000) characters',
  },
  'export.parameterRepeated': {
    'zh-CN': '查询参数 {field} 只能出现一次，且须为文本',
    en: 'The query parameter {field} must be given once, as text',
  },
  'error.notFound': { 'zh-CN': '{entity}不存在', en: '{entity} not found' },
  'error.unauthenticated': { 'zh-CN': '请先登录', en: 'Sign in first' },
  'error.tokenInvalid': { 'zh-CN': '登录凭证无效或已过期', en: 'The access token is invalid or has expired' },
  'error.forbidden': { 'zh-CN': '没有执行此操作的权限', en: 'You are not allowed to do this' },
  'error.forbiddenOrgKind': {
    'zh-CN': '只有{kind}组织可以执行此操作',
    en: 'Only an organization of kind {kind} can do this',
  },
  'error.internal': {
    'zh-CN': '服务器内部错误（请求编号 {requestId}）',
    en: 'Internal server error (request {requestId})',
  },
  'error.badInput': { 'zh-CN': '输入有误：{detail}', en: 'Invalid input: {detail}' },
  'error.conflict.duplicate': { 'zh-CN': '{entity}已存在：{value}', en: '{entity} already exists: {value}' },
  'error.validationFailed': {
    'zh-CN': '数据不符合所采用的数据标准',
    en: 'The data does not satisfy the adopted data standards',
  },

  'auth.signInAlone': {
    'zh-CN': '登录类操作（login、refreshToken、acceptInvitation）须单独发送：同一操作中不能有第二个登录，也不能有其他字段',
    en: 'A sign-in (login, refreshToken, acceptInvitation) must be an operation of its own: no second sign-in and no other field beside it',
  },
  'auth.invalidCredentials': { 'zh-CN': '邮箱或密码错误', en: 'Wrong e-mail or password' },
  'auth.rateLimited': {
    'zh-CN': '登录失败次数过多，请 {minutes} 分钟后再试',
    en: 'Too many failed sign-ins; try again in {minutes} minutes',
  },
  'auth.refreshInvalid': {
    'zh-CN': '刷新令牌无效、已使用或已过期，请重新登录',
    en: 'The refresh token is invalid, used or expired; sign in again',
  },
  'auth.passwordTooShort': {
    'zh-CN': '密码至少需要 {min} 个字符',
    en: 'The password needs at least {min} characters',
  },
  'auth.passwordTooCommon': {
    'zh-CN': '密码过于常见，请换一个',
    en: 'This password is too common; choose another',
  },
  'invitation.invalid': { 'zh-CN': '邀请链接无效', en: 'This invitation link is not valid' },
  'invitation.accepted': { 'zh-CN': '此邀请已被使用', en: 'This invitation has already been used' },
  'invitation.revoked': { 'zh-CN': '此邀请已被撤销', en: 'This invitation has been revoked' },
  'invitation.expired': { 'zh-CN': '此邀请已过期', en: 'This invitation has expired' },
  'invitation.illegalTransition': { 'zh-CN': '邀请不能从 {from} 变为 {to}', en: 'An invitation cannot go from {from} to {to}' },
  'invitation.notPending': {
    'zh-CN': '邀请当前状态为 {status}，无法撤销',
    en: 'The invitation is {status} and cannot be revoked',
  },
  'invitation.orgExists': {
    'zh-CN': '统一社会信用代码为 {creditCode} 的组织已在锚链注册，请邀请该组织已有的管理员邮箱',
    en: 'An organization with credit code {creditCode} already uses Anchorlink; invite the e-mail of one of its administrators',
  },
  'invitation.existingUserNotAdmin': {
    'zh-CN': '此邮箱所属用户不是供应商组织的管理员，不能代表其接受邀请',
    en: 'The user with this e-mail is not an administrator of a supplier organization and cannot accept for it',
  },
  'invitation.creditCodeMismatch': {
    'zh-CN': '此邮箱所属组织的统一社会信用代码与邀请不符',
    en: "The credit code of this e-mail's organization does not match the invitation",
  },
  'partnership.illegalTransition': { 'zh-CN': '合作关系不能从 {from} 变为 {to}', en: 'A partnership cannot go from {from} to {to}' },
  'partnership.illegalAction': {
    'zh-CN': '合作关系当前状态为 {status}，不能{action}',
    en: 'The partnership is {status} and cannot be {action}',
  },
  'partnership.action.SUSPEND': { 'zh-CN': '暂停', en: 'suspended' },
  'partnership.action.ACTIVATE': { 'zh-CN': '启用', en: 'activated' },
  'partnership.statusNotSettable': {
    'zh-CN': '合作关系只能设置为 ACTIVE 或 SUSPENDED',
    en: 'A partnership can only be set to ACTIVE or SUSPENDED',
  },
  'partnership.notActive': {
    'zh-CN': '与该供应商的合作关系不是 ACTIVE 状态',
    en: 'The partnership with this supplier is not ACTIVE',
  },
  'org.creditCodeInvalid': {
    'zh-CN': '统一社会信用代码无效（18 位，末位为校验码）',
    en: 'Invalid unified social credit code (18 characters ending with a check character)',
  },
  'email.invalid': { 'zh-CN': '邮箱格式不正确', en: 'Not a valid e-mail address' },
  'field.required': { 'zh-CN': '{field} 不能为空', en: '{field} must not be empty' },
  'field.tooLong': { 'zh-CN': '{field} 最多 {max} 个字符', en: '{field} allows at most {max} characters' },
  'field.notObject': { 'zh-CN': '{field} 必须是 JSON 对象', en: '{field} must be a JSON object' },
  'field.range': {
    'zh-CN': '{field} 必须在 {min} 到 {max} 之间',
    en: '{field} must be between {min} and {max}',
  },
  'part.duplicateNumber': {
    'zh-CN': '物料号 {partNumber} 已存在',
    en: 'Part number {partNumber} already exists',
  },
  'part.duplicateSupplierNumber': {
    'zh-CN': '该供应商的物料号 {supplierPartNumber} 已映射到另一物料',
    en: "The supplier's part number {supplierPartNumber} is already mapped to another part",
  },
  'graphql.operationTooLarge': {
    'zh-CN': '请求过大：最多 {max} 字节',
    en: 'The operation is too large: at most {max} bytes',
  },
  'delivery.illegalTransition': { 'zh-CN': '投递不能从 {from} 变为 {to}', en: 'A delivery cannot go from {from} to {to}' },
  // E-mails (libs/integration renderEmail): {link} is where to act.
  'email.order_published.subject': { 'zh-CN': '【锚链】新采购订单 {orderNumber}', en: '[Anchorlink] New purchase order {orderNumber}' },
  'email.order_published.text': {
    'zh-CN': '您好，\n\n采购方发布了采购订单 {orderNumber}，请逐行确认或提出变更：\n{link}\n\n—— 锚链 Anchorlink',
    en: 'Hello,\n\nThe buyer published purchase order {orderNumber}. Please confirm it line by line or propose changes:\n{link}\n\n— Anchorlink',
  },
  'email.order_change_proposed.subject': {
    'zh-CN': '【锚链】采购订单 {orderNumber} 有变更提议',
    en: '[Anchorlink] Change proposed on purchase order {orderNumber}',
  },
  'email.order_change_proposed.text': {
    'zh-CN': '您好，\n\n供应商对采购订单 {orderNumber} 提出了变更（数量、日期或价格），请接受或拒绝：\n{link}\n\n—— 锚链 Anchorlink',
    en: 'Hello,\n\nThe supplier proposed changes (quantity, date or price) to purchase order {orderNumber}. Please accept or reject them:\n{link}\n\n— Anchorlink',
  },
  'email.order_revised.subject': {
    'zh-CN': '【锚链】采购订单 {orderNumber} 已修订（第 {revision} 版）',
    en: '[Anchorlink] Purchase order {orderNumber} revised (revision {revision})',
  },
  'email.order_revised.text': {
    'zh-CN': '您好，\n\n采购方修订了采购订单 {orderNumber}（第 {revision} 版），变更的行需要重新确认：\n{link}\n\n—— 锚链 Anchorlink',
    en: 'Hello,\n\nThe buyer revised purchase order {orderNumber} (revision {revision}); changed lines need your confirmation again:\n{link}\n\n— Anchorlink',
  },
  'email.order_cancelled.subject': {
    'zh-CN': '【锚链】采购订单 {orderNumber} 已取消',
    en: '[Anchorlink] Purchase order {orderNumber} cancelled',
  },
  'email.order_cancelled.text': {
    'zh-CN': '您好，\n\n采购方取消了采购订单 {orderNumber}。原因：{reason}\n{link}\n\n—— 锚链 Anchorlink',
    en: 'Hello,\n\nThe buyer cancelled purchase order {orderNumber}. Reason: {reason}\n{link}\n\n— Anchorlink',
  },
  // An invitee has no account, hence no language yet: both, in each.
  'email.invitation.subject': {
    'zh-CN': '【锚链】{anchorName} 邀请您加入供应链协同 / {anchorName} invites you to Anchorlink',
    en: '【锚链】{anchorName} 邀请您加入供应链协同 / {anchorName} invites you to Anchorlink',
  },
  'email.invitation.text': {
    'zh-CN':
      '您好，\n\n{anchorName} 邀请 {supplierName} 作为供应商加入锚链供应链协同平台。请在 {expires} 前打开以下链接接受邀请：\n{link}\n\nHello,\n\n{anchorName} invites {supplierName} to join its supply chain on Anchorlink as a supplier. Open this link before {expires} to accept:\n{link}\n\n—— 锚链 Anchorlink',
    en: '您好，\n\n{anchorName} 邀请 {supplierName} 作为供应商加入锚链供应链协同平台。请在 {expires} 前打开以下链接接受邀请：\n{link}\n\nHello,\n\n{anchorName} invites {supplierName} to join its supply chain on Anchorlink as a supplier. Open this link before {expires} to accept:\n{link}\n\n—— 锚链 Anchorlink',
  },
  // Order exports (libs/integration OrderExportService): the sheet and each column's header.
  'export.sheet': { 'zh-CN': '采购订单', en: 'Purchase orders' },
  'export.column.orderNumber': { 'zh-CN': '订单号', en: 'Order number' },
  'export.column.status': { 'zh-CN': '订单状态', en: 'Order status' },
  'export.column.revision': { 'zh-CN': '版次', en: 'Revision' },
  'export.column.anchor': { 'zh-CN': '采购方', en: 'Buyer' },
  'export.column.supplier': { 'zh-CN': '供应商', en: 'Supplier' },
  'export.column.currency': { 'zh-CN': '币种', en: 'Currency' },
  'export.column.lineNumber': { 'zh-CN': '行号', en: 'Line' },
  'export.column.partNumber': { 'zh-CN': '物料号', en: 'Part number' },
  'export.column.supplierPartNumber': { 'zh-CN': '供应商物料号', en: 'Supplier part number' },
  'export.column.description': { 'zh-CN': '描述', en: 'Description' },
  'export.column.quantity': { 'zh-CN': '数量', en: 'Quantity' },
  'export.column.uom': { 'zh-CN': '单位', en: 'UoM' },
  'export.column.unitPrice': { 'zh-CN': '单价', en: 'Unit price' },
  'export.column.lineAmount': { 'zh-CN': '行金额', en: 'Line amount' },
  'export.column.requestedDate': { 'zh-CN': '需求日期', en: 'Requested date' },
  'export.column.lineStatus': { 'zh-CN': '行状态', en: 'Line status' },
  'export.column.confirmedQuantity': { 'zh-CN': '确认数量', en: 'Confirmed quantity' },
  'export.column.confirmedDate': { 'zh-CN': '确认日期', en: 'Confirmed date' },
  'export.column.shippedQuantity': { 'zh-CN': '已发货', en: 'Shipped' },
  'export.column.receivedQuantity': { 'zh-CN': '已收货', en: 'Received' },
  'export.column.updatedAt': { 'zh-CN': '更新时间', en: 'Updated at' },
  // The smart-factory programme's levels, and what stands between an assessment and the next one.
  'level.BASIC': { 'zh-CN': '基础级', en: 'BASIC' },
  'level.ADVANCED': { 'zh-CN': '先进级', en: 'ADVANCED' },
  'level.EXCELLENT': { 'zh-CN': '卓越级', en: 'EXCELLENT' },
  'level.NAVIGATOR': { 'zh-CN': '领航级', en: 'NAVIGATOR' },
  'assessment.gap.criterion': { 'zh-CN': '{level}：未满足“{criterion}”', en: '{level}: not met: {criterion}' },
  'assessment.gap.aiRatio': {
    'zh-CN': '{level}：人工智能应用场景比例需达到 {needed}%（当前 {current}%）',
    en: '{level}: AI must be applied in at least {needed}% of production scenarios (now {current}%)',
  },
  'assessment.gap.maturity': {
    'zh-CN': '{level}：智能制造能力成熟度（GB/T 39116-2020）需达到 {needed} 级及以上（当前 {current} 级）',
    en: '{level}: GB/T 39116-2020 maturity level {needed} or higher is needed (now {current})',
  },
  // Compatibility of two versions of a standard (libs/standards compatibility.ts), one change each.
  'compatibility.none': { 'zh-CN': '无', en: 'none' },
  'compatibility.CODE_ADDED': { 'zh-CN': '新增代码 {subject}', en: 'Code {subject} added' },
  'compatibility.CODE_REMOVED': { 'zh-CN': '删除代码 {subject}（不兼容）', en: 'Code {subject} removed (breaking)' },
  'compatibility.CODE_LABEL_CHANGED': { 'zh-CN': '代码 {subject} 的名称已修改', en: 'Code {subject}: label changed' },
  'compatibility.CODE_DESCRIPTION_CHANGED': { 'zh-CN': '代码 {subject} 的说明已修改', en: 'Code {subject}: description changed' },
  'compatibility.CODE_DEPRECATED': { 'zh-CN': '代码 {subject} 标记为弃用', en: 'Code {subject} deprecated' },
  'compatibility.CODE_UNDEPRECATED': { 'zh-CN': '代码 {subject} 取消弃用', en: 'Code {subject} no longer deprecated' },
  'compatibility.FIELD_ADDED_OPTIONAL': { 'zh-CN': '新增可选字段 {subject}', en: 'Optional field {subject} added' },
  'compatibility.FIELD_ADDED_REQUIRED': { 'zh-CN': '新增必填字段 {subject}（不兼容）', en: 'Required field {subject} added (breaking)' },
  'compatibility.FIELD_REMOVED': { 'zh-CN': '删除字段 {subject}（不兼容）', en: 'Field {subject} removed (breaking)' },
  'compatibility.FIELD_MADE_REQUIRED': { 'zh-CN': '字段 {subject} 改为必填（不兼容）', en: 'Field {subject} made required (breaking)' },
  'compatibility.FIELD_MADE_OPTIONAL': { 'zh-CN': '字段 {subject} 改为可选', en: 'Field {subject} made optional' },
  'compatibility.FIELD_TYPE_CHANGED': {
    'zh-CN': '字段 {subject} 的类型由 {from} 改为 {to}（不兼容）',
    en: 'Field {subject}: type changed from {from} to {to} (breaking)',
  },
  'compatibility.FIELD_CODE_LIST_CHANGED': {
    'zh-CN': '字段 {subject} 的代码表由 {from} 改为 {to}（不兼容）',
    en: 'Field {subject}: code list changed from {from} to {to} (breaking)',
  },
  'compatibility.FIELD_PATTERN_CHANGED': {
    'zh-CN': '字段 {subject} 的格式由 {from} 改为 {to}（不兼容）',
    en: 'Field {subject}: pattern changed from {from} to {to} (breaking)',
  },
  'compatibility.FIELD_PATTERN_REMOVED': { 'zh-CN': '字段 {subject} 取消格式限制', en: 'Field {subject}: pattern removed' },
  'compatibility.FIELD_UNIT_CHANGED': {
    'zh-CN': '字段 {subject} 的单位由 {from} 改为 {to}（不兼容）',
    en: 'Field {subject}: unit changed from {from} to {to} (breaking)',
  },
  'compatibility.FIELD_CONSTRAINT_NARROWED': {
    'zh-CN': '字段 {subject} 的 {constraint} 由 {from} 收紧为 {to}（不兼容）',
    en: 'Field {subject}: {constraint} narrowed from {from} to {to} (breaking)',
  },
  'compatibility.FIELD_CONSTRAINT_RELAXED': {
    'zh-CN': '字段 {subject} 的 {constraint} 由 {from} 放宽为 {to}',
    en: 'Field {subject}: {constraint} relaxed from {from} to {to}',
  },
  'compatibility.FIELD_DESCRIPTION_CHANGED': { 'zh-CN': '字段 {subject} 的说明已修改', en: 'Field {subject}: description changed' },
  // Assessment criteria's scenario areas.
  'assessment.area.FACTORY_BUILD': { 'zh-CN': '工厂建设', en: 'Factory build-out' },
  'assessment.area.RND_DESIGN': { 'zh-CN': '研发设计', en: 'R&D and design' },
  'assessment.area.PRODUCTION_OPERATIONS': { 'zh-CN': '生产作业', en: 'Production operations' },
  'assessment.area.PRODUCTION_MANAGEMENT': { 'zh-CN': '生产管理', en: 'Production management' },
  'assessment.area.OPERATIONS_MANAGEMENT': { 'zh-CN': '运营管理', en: 'Operations management' },
  // Records checked against a record schema (libs/standards record-validation.ts): one per rule.
  'record.notObject': { 'zh-CN': '{path} 必须是 JSON 对象', en: '{path} must be a JSON object' },
  'record.required': { 'zh-CN': '{path} 为必填项', en: '{path} is required' },
  'record.type': { 'zh-CN': '{path} 必须是 {expected} 类型', en: '{path} must be of type {expected}' },
  'record.pattern': { 'zh-CN': '{path} 不符合格式 {pattern}', en: '{path} does not match the pattern {pattern}' },
  'record.patternInputTooLong': {
    'zh-CN': '{path} 超过 {limit} 个字符，这是按格式校验的最大长度',
    en: '{path} is longer than {limit} characters, the most checked against a pattern',
  },
  'record.patternUnsupported': {
    'zh-CN': '{path} 无法校验：数据结构中的格式 {pattern} 不能由线性时间引擎（RE2）执行，需发布新版本',
    en: '{path} cannot be checked: the pattern {pattern} of the record schema cannot run on the linear-time engine (RE2); a new version is needed',
  },
  'record.minLength': { 'zh-CN': '{path} 至少 {limit} 个字符', en: '{path} needs at least {limit} characters' },
  'record.maxLength': { 'zh-CN': '{path} 最多 {limit} 个字符', en: '{path} allows at most {limit} characters' },
  'record.minimum': { 'zh-CN': '{path} 不能小于 {limit}', en: '{path} must be at least {limit}' },
  'record.maximum': { 'zh-CN': '{path} 不能大于 {limit}', en: '{path} must be at most {limit}' },
  'record.codeList': { 'zh-CN': '“{value}”不在代码表 {codeList} 中', en: '"{value}" is not in the code list {codeList}' },
  'record.unknownField': { 'zh-CN': '{path} 不是数据结构中定义的字段', en: '{path} is not a field of the record schema' },
  'record.retired': {
    'zh-CN': '{standard} {version} 已于 {sunsetDate} 停用，不能再用于校验',
    en: '{standard} {version} was retired after {sunsetDate} and no longer validates data',
  },
  'pagination.cursorInvalid': { 'zh-CN': '分页游标无效', en: 'The pagination cursor is not valid' },
  'pagination.firstRange': {
    'zh-CN': 'first 必须在 0 到 {max} 之间',
    en: 'first must be between 0 and {max}',
  },
} satisfies Catalog;

export type MessageKey = keyof typeof catalog;

/** Every message, for the catalogue's own tests. */
export const MESSAGES: Readonly<Record<MessageKey, Readonly<Record<Locale, string>>>> = catalog;

export function isMessageKey(key: string): key is MessageKey {
  return key in catalog;
}

/**
 * A text the data itself holds in both languages (a code list's labels, an assessment criterion), in
 * `locale`. Messages belong in the catalogue; this is for what users and alliances wrote.
 */
export function bilingual(locale: Locale, text: { zh: string; en: string }): string {
  return locale === 'en' ? text.en : text.zh;
}

/** A parameter that is itself a message of the catalogue: worded in the same language as the message it fills. */
export interface MessageRef {
  message: MessageKey;
  params?: Record<string, MessageParam>;
}
export type MessageParam = string | number | MessageRef;

export function t(locale: Locale, key: MessageKey, params: Record<string, MessageParam> = {}): string {
  const entry = (catalog as Catalog)[key];
  const template = entry[locale] ?? entry.en;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in params)) return whole;
    const value = params[name];
    if (typeof value === 'object') return t(locale, value.message, value.params);
    // Entity names are keys themselves, so messages compose in either language.
    return typeof value === 'string' && value.startsWith('entity.') && value in catalog
      ? (catalog as Catalog)[value][locale]
      : String(value);
  });
}

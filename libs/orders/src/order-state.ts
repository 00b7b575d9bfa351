import { ConflictError, type RequestContext } from '@anchorlink/core';
import { registerEnumType } from '@nestjs/graphql';

export enum PurchaseOrderStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  CHANGE_PROPOSED = 'CHANGE_PROPOSED',
  CONFIRMED = 'CONFIRMED',
  PARTIALLY_SHIPPED = 'PARTIALLY_SHIPPED',
  SHIPPED = 'SHIPPED',
  RECEIVED = 'RECEIVED',
  CLOSED = 'CLOSED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(PurchaseOrderStatus, { name: 'PurchaseOrderStatus' });

export enum OrderLineStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  CHANGE_PROPOSED = 'CHANGE_PROPOSED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(OrderLineStatus, { name: 'OrderLineStatus' });

const O = PurchaseOrderStatus;
const L = OrderLineStatus;

/**
 * Every order status change the system makes, and nothing else. A transition
 * to the same status (e.g. PUBLISHED → PUBLISHED on a partial response or a
 * revision) is listed explicitly where it is allowed.
 */
export const ORDER_TRANSITIONS: Readonly<Record<PurchaseOrderStatus, readonly PurchaseOrderStatus[]>> = {
  [O.DRAFT]: [O.PUBLISHED, O.CANCELLED],
  [O.PUBLISHED]: [O.PUBLISHED, O.CONFIRMED, O.CHANGE_PROPOSED, O.REJECTED, O.CANCELLED],
  [O.CHANGE_PROPOSED]: [O.PUBLISHED, O.CHANGE_PROPOSED, O.CONFIRMED, O.REJECTED, O.CANCELLED],
  [O.CONFIRMED]: [O.PUBLISHED, O.CHANGE_PROPOSED, O.CONFIRMED, O.REJECTED, O.PARTIALLY_SHIPPED, O.SHIPPED, O.CANCELLED],
  [O.REJECTED]: [O.PUBLISHED, O.CONFIRMED, O.CHANGE_PROPOSED, O.CANCELLED, O.CLOSED],
  [O.PARTIALLY_SHIPPED]: [O.PARTIALLY_SHIPPED, O.SHIPPED, O.RECEIVED, O.CLOSED],
  [O.SHIPPED]: [O.SHIPPED, O.RECEIVED, O.CLOSED],
  [O.RECEIVED]: [O.CLOSED],
  [O.CLOSED]: [],
  [O.CANCELLED]: [],
};

export const LINE_TRANSITIONS: Readonly<Record<OrderLineStatus, readonly OrderLineStatus[]>> = {
  [L.PENDING]: [L.ACCEPTED, L.REJECTED, L.CHANGE_PROPOSED, L.CANCELLED],
  [L.CHANGE_PROPOSED]: [L.ACCEPTED, L.PENDING, L.CANCELLED],
  [L.ACCEPTED]: [L.PENDING, L.CANCELLED],
  [L.REJECTED]: [L.PENDING, L.CANCELLED],
  [L.CANCELLED]: [],
};

/** What each anchor or supplier action needs the order to be in. */
export const ACTION_STATES = {
  publish: [O.DRAFT],
  respond: [O.PUBLISHED],
  confirm: [O.PUBLISHED],
  resolve: [O.CHANGE_PROPOSED],
  revise: [O.PUBLISHED, O.CHANGE_PROPOSED, O.CONFIRMED, O.REJECTED],
  cancel: [O.DRAFT, O.PUBLISHED, O.CHANGE_PROPOSED, O.CONFIRMED, O.REJECTED],
  close: [O.RECEIVED, O.SHIPPED, O.PARTIALLY_SHIPPED, O.REJECTED],
  ship: [O.CONFIRMED, O.PARTIALLY_SHIPPED],
  receive: [O.PARTIALLY_SHIPPED, O.SHIPPED],
} as const satisfies Record<string, readonly PurchaseOrderStatus[]>;
export type OrderAction = keyof typeof ACTION_STATES;

export function canTransition(from: PurchaseOrderStatus, to: PurchaseOrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

export function canTransitionLine(from: OrderLineStatus, to: OrderLineStatus): boolean {
  return LINE_TRANSITIONS[from].includes(to);
}

const ACTION_WORDS: Record<OrderAction, { 'zh-CN': string; en: string }> = {
  publish: { 'zh-CN': '发布', en: 'published' },
  respond: { 'zh-CN': '答复', en: 'answered' },
  confirm: { 'zh-CN': '确认', en: 'confirmed' },
  resolve: { 'zh-CN': '处理变更建议', en: 'have its change proposals resolved' },
  revise: { 'zh-CN': '变更', en: 'revised' },
  cancel: { 'zh-CN': '取消', en: 'cancelled' },
  close: { 'zh-CN': '关闭', en: 'closed' },
  ship: { 'zh-CN': '发货', en: 'shipped against' },
  receive: { 'zh-CN': '收货', en: 'received against' },
};

/** CONFLICT naming the current state when the order is not in a state that allows `action`. */
export function assertAction(ctx: RequestContext, action: OrderAction, status: PurchaseOrderStatus): void {
  if ((ACTION_STATES[action] as readonly PurchaseOrderStatus[]).includes(status)) return;
  throw new ConflictError(ctx.t('order.illegalAction', { action: ACTION_WORDS[action][ctx.locale], status }));
}

export function assertTransition(ctx: RequestContext, from: PurchaseOrderStatus, to: PurchaseOrderStatus): void {
  if (!canTransition(from, to)) throw new ConflictError(ctx.t('order.illegalTransition', { from, to }));
}

export function assertLineTransition(ctx: RequestContext, lineNumber: number, from: OrderLineStatus, to: OrderLineStatus): void {
  if (!canTransitionLine(from, to)) throw new ConflictError(ctx.t('order.illegalLineTransition', { line: lineNumber, from, to }));
}

/**
 * The order status its lines imply while it is being agreed: any proposal →
 * CHANGE_PROPOSED; any line still unanswered → PUBLISHED; every live line
 * rejected → REJECTED; otherwise CONFIRMED (accepted lines, maybe some rejected).
 */
export function statusFromLines(lines: readonly { status: OrderLineStatus }[]): PurchaseOrderStatus {
  const live = lines.filter((l) => l.status !== L.CANCELLED);
  if (live.some((l) => l.status === L.CHANGE_PROPOSED)) return O.CHANGE_PROPOSED;
  if (live.some((l) => l.status === L.PENDING)) return O.PUBLISHED;
  if (live.length > 0 && live.every((l) => l.status === L.REJECTED)) return O.REJECTED;
  return O.CONFIRMED;
}

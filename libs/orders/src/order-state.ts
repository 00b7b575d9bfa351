import { ConflictError, Lifecycle, OrgKind, type RequestContext, Role } from '@anchorlink/core';
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

/** What each party may do with an order. */
export enum OrderAction {
  PUBLISH = 'PUBLISH',
  RESPOND = 'RESPOND',
  CONFIRM = 'CONFIRM',
  RESOLVE = 'RESOLVE',
  REVISE = 'REVISE',
  CANCEL = 'CANCEL',
  CLOSE = 'CLOSE',
  SHIP = 'SHIP',
  RECEIVE = 'RECEIVE',
}
registerEnumType(OrderAction, { name: 'OrderAction', description: 'What the caller may do next with an order (availableActions).' });

/** The caller's relation to an order, for the actions only one side may take. */
export const ANCHOR_SIDE = 'anchor';
export const SUPPLIER_SIDE = 'supplier';

const anchorBuyer = { roles: [Role.PROCUREMENT], kinds: [OrgKind.ANCHOR], side: ANCHOR_SIDE } as const;
const supplierSales = { roles: [Role.SUPPLIER_SALES], kinds: [OrgKind.SUPPLIER], side: SUPPLIER_SIDE } as const;

/**
 * The order lifecycle: every status change the system makes, and each action with the states it needs
 * and who may take it (the roles and kinds are the mutations' @Roles and @OrgKinds: a test keeps them equal).
 */
export const ORDER_LIFECYCLE = new Lifecycle<PurchaseOrderStatus, OrderAction>(
  { illegalTransition: 'order.illegalTransition', illegalAction: 'order.illegalAction', action: (action) => `order.action.${action}` },
  ORDER_TRANSITIONS,
  {
    [OrderAction.PUBLISH]: { from: [O.DRAFT], ...anchorBuyer },
    [OrderAction.RESPOND]: { from: [O.PUBLISHED], ...supplierSales },
    [OrderAction.CONFIRM]: { from: [O.PUBLISHED], ...supplierSales },
    [OrderAction.RESOLVE]: { from: [O.CHANGE_PROPOSED], ...anchorBuyer },
    [OrderAction.REVISE]: { from: [O.PUBLISHED, O.CHANGE_PROPOSED, O.CONFIRMED, O.REJECTED], ...anchorBuyer },
    [OrderAction.CANCEL]: { from: [O.DRAFT, O.PUBLISHED, O.CHANGE_PROPOSED, O.CONFIRMED, O.REJECTED], ...anchorBuyer },
    [OrderAction.CLOSE]: { from: [O.RECEIVED, O.SHIPPED, O.PARTIALLY_SHIPPED, O.REJECTED], ...anchorBuyer },
    [OrderAction.SHIP]: { from: [O.CONFIRMED, O.PARTIALLY_SHIPPED], ...supplierSales },
    [OrderAction.RECEIVE]: { from: [O.PARTIALLY_SHIPPED, O.SHIPPED], ...anchorBuyer },
  },
);

/** Lines have no actions of their own: orders' actions move them. */
export const LINE_LIFECYCLE = new Lifecycle<OrderLineStatus, never>(
  {
    illegalTransition: 'order.illegalLineTransition',
    illegalAction: 'order.illegalLineTransition',
    action: () => 'order.illegalLineTransition',
  },
  LINE_TRANSITIONS,
  {},
);

export function canTransition(from: PurchaseOrderStatus, to: PurchaseOrderStatus): boolean {
  return ORDER_LIFECYCLE.canTransition(from, to);
}

export function canTransitionLine(from: OrderLineStatus, to: OrderLineStatus): boolean {
  return LINE_LIFECYCLE.canTransition(from, to);
}

/** CONFLICT naming the current state when the order is not in a state that allows `action`. */
export function assertAction(ctx: RequestContext, action: OrderAction, status: PurchaseOrderStatus): void {
  ORDER_LIFECYCLE.assertAction(ctx, action, status);
}

export function assertTransition(ctx: RequestContext, from: PurchaseOrderStatus, to: PurchaseOrderStatus): void {
  ORDER_LIFECYCLE.assertTransition(ctx, from, to);
}

export function assertLineTransition(ctx: RequestContext, lineNumber: number, from: OrderLineStatus, to: OrderLineStatus): void {
  if (!canTransitionLine(from, to)) throw new ConflictError(ctx.t('order.illegalLineTransition', { line: lineNumber, from, to }));
}

/** What the caller may do next with an order: from its status, the caller's roles and kind, and its side of the order. */
export function orderActions(
  ctx: RequestContext,
  order: { status: PurchaseOrderStatus; anchorOrganizationId: string; supplierOrganizationId: string },
): OrderAction[] {
  const sides = [
    ...(ctx.principal?.organizationId === order.anchorOrganizationId ? [ANCHOR_SIDE] : []),
    ...(ctx.principal?.organizationId === order.supplierOrganizationId ? [SUPPLIER_SIDE] : []),
  ];
  return ORDER_LIFECYCLE.available(ctx, order.status, sides);
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

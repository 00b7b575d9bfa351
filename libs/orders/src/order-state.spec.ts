import { describe, expect, it } from '@jest/globals';
import { RequestContext } from '@anchorlink/core';
import 'reflect-metadata';
import { ORG_KINDS_KEY, OrgKind, Role, ROLES_KEY } from '@anchorlink/core';
import { PurchaseOrderResolver } from './orders.resolver.js';
import {
  assertAction,
  assertLineTransition,
  assertTransition,
  canTransition,
  canTransitionLine,
  LINE_TRANSITIONS,
  ORDER_LIFECYCLE,
  OrderAction as A,
  orderActions,
  OrderLineStatus as L,
  PurchaseOrderStatus as O,
  statusFromLines,
} from './order-state.js';

const ctx = RequestContext.anonymous('t', 'en');
const orderStates = Object.values(O);
const lineStates = Object.values(L);

/** The order lifecycle written out by hand, independently of the table, pair by pair. */
const ALLOWED = new Set([
  'DRAFT>PUBLISHED',
  'DRAFT>CANCELLED',
  'PUBLISHED>PUBLISHED',
  'PUBLISHED>CONFIRMED',
  'PUBLISHED>CHANGE_PROPOSED',
  'PUBLISHED>REJECTED',
  'PUBLISHED>CANCELLED',
  'CHANGE_PROPOSED>PUBLISHED',
  'CHANGE_PROPOSED>CHANGE_PROPOSED',
  'CHANGE_PROPOSED>CONFIRMED',
  'CHANGE_PROPOSED>REJECTED',
  'CHANGE_PROPOSED>CANCELLED',
  'CONFIRMED>PUBLISHED',
  'CONFIRMED>CHANGE_PROPOSED',
  'CONFIRMED>CONFIRMED',
  'CONFIRMED>REJECTED',
  'CONFIRMED>PARTIALLY_SHIPPED',
  'CONFIRMED>SHIPPED',
  'CONFIRMED>CANCELLED',
  'REJECTED>PUBLISHED',
  'REJECTED>CONFIRMED',
  'REJECTED>CHANGE_PROPOSED',
  'REJECTED>CANCELLED',
  'REJECTED>CLOSED',
  'PARTIALLY_SHIPPED>PARTIALLY_SHIPPED',
  'PARTIALLY_SHIPPED>SHIPPED',
  'PARTIALLY_SHIPPED>RECEIVED',
  'PARTIALLY_SHIPPED>CLOSED',
  'SHIPPED>SHIPPED',
  'SHIPPED>RECEIVED',
  'SHIPPED>CLOSED',
  'RECEIVED>CLOSED',
]);

const LINE_ALLOWED = new Set([
  'PENDING>ACCEPTED',
  'PENDING>REJECTED',
  'PENDING>CHANGE_PROPOSED',
  'PENDING>CANCELLED',
  'CHANGE_PROPOSED>ACCEPTED',
  'CHANGE_PROPOSED>PENDING',
  'CHANGE_PROPOSED>CANCELLED',
  'ACCEPTED>PENDING',
  'ACCEPTED>CANCELLED',
  'REJECTED>PENDING',
  'REJECTED>CANCELLED',
]);

describe('purchase order state machine', () => {
  it.each(orderStates.flatMap((from) => orderStates.map((to) => [from, to] as const)))('order %s → %s', (from, to) => {
    const allowed = ALLOWED.has(`${from}>${to}`);
    expect(canTransition(from, to)).toBe(allowed);
    if (allowed) expect(() => assertTransition(ctx, from, to)).not.toThrow();
    else expect(() => assertTransition(ctx, from, to)).toThrow(`An order cannot go from ${from} to ${to}`);
  });

  it.each(lineStates.flatMap((from) => lineStates.map((to) => [from, to] as const)))('line %s → %s', (from, to) => {
    const allowed = LINE_ALLOWED.has(`${from}>${to}`);
    expect(canTransitionLine(from, to)).toBe(allowed);
    if (!allowed) {
      expect(() => assertLineTransition(ctx, 3, from, to)).toThrow(`Line 3 is ${from} and cannot become ${to}`);
    }
  });

  it('lets no order leave CLOSED or CANCELLED and no line leave CANCELLED', () => {
    for (const to of orderStates) {
      expect(canTransition(O.CLOSED, to)).toBe(false);
      expect(canTransition(O.CANCELLED, to)).toBe(false);
    }
    expect(LINE_TRANSITIONS[L.CANCELLED]).toEqual([]);
  });

  it('never cancels an order once goods are on their way', () => {
    for (const from of [O.PARTIALLY_SHIPPED, O.SHIPPED, O.RECEIVED, O.CLOSED]) expect(canTransition(from, O.CANCELLED)).toBe(false);
  });

  it('names the current state when an action is not allowed', () => {
    expect(() => assertAction(ctx, A.PUBLISH, O.CONFIRMED)).toThrow('The order is CONFIRMED and cannot be published');
    const zh = RequestContext.anonymous('t', 'zh-CN');
    expect(() => assertAction(zh, A.CANCEL, O.SHIPPED)).toThrow('订单当前状态为 SHIPPED，不能取消');
    try {
      assertAction(ctx, A.RESPOND, O.DRAFT);
    } catch (error) {
      expect((error as { extensions: { code: string } }).extensions.code).toBe('CONFLICT');
    }
  });

  it('allows each action only from states whose resulting transitions the table allows', () => {
    const from = (action: A) => ORDER_LIFECYCLE.actions[action].from;
    for (const state of from(A.CANCEL)) expect(canTransition(state, O.CANCELLED)).toBe(true);
    for (const state of from(A.CLOSE)) expect(canTransition(state, O.CLOSED)).toBe(true);
    for (const state of from(A.PUBLISH)) expect(canTransition(state, O.PUBLISHED)).toBe(true);
    for (const state of from(A.REVISE)) expect(canTransition(state, O.PUBLISHED)).toBe(true);
    for (const state of from(A.SHIP)) expect(canTransition(state, O.SHIPPED)).toBe(true);
    for (const state of from(A.RECEIVE)) expect(canTransition(state, O.RECEIVED)).toBe(true);
  });

  it.each([
    [[L.ACCEPTED, L.ACCEPTED], O.CONFIRMED],
    [[L.ACCEPTED, L.PENDING], O.PUBLISHED],
    [[L.ACCEPTED, L.CHANGE_PROPOSED, L.PENDING], O.CHANGE_PROPOSED],
    [[L.REJECTED, L.REJECTED], O.REJECTED],
    [[L.REJECTED, L.CANCELLED], O.REJECTED],
    [[L.ACCEPTED, L.REJECTED], O.CONFIRMED],
    [[L.ACCEPTED, L.CANCELLED], O.CONFIRMED],
  ])('lines %j make the order %s', (statuses, expected) => {
    expect(statusFromLines(statuses.map((status) => ({ status })))).toBe(expected);
  });

  /** What each party may do in each state, written out by hand: the portal shows exactly these buttons. */
  const BUYER_MAY: Record<O, A[]> = {
    [O.DRAFT]: [A.PUBLISH, A.CANCEL],
    [O.PUBLISHED]: [A.REVISE, A.CANCEL],
    [O.CHANGE_PROPOSED]: [A.RESOLVE, A.REVISE, A.CANCEL],
    [O.CONFIRMED]: [A.REVISE, A.CANCEL],
    [O.REJECTED]: [A.REVISE, A.CANCEL, A.CLOSE],
    [O.PARTIALLY_SHIPPED]: [A.CLOSE, A.RECEIVE],
    [O.SHIPPED]: [A.CLOSE, A.RECEIVE],
    [O.RECEIVED]: [A.CLOSE],
    [O.CLOSED]: [],
    [O.CANCELLED]: [],
  };
  const SUPPLIER_MAY: Record<O, A[]> = {
    [O.DRAFT]: [],
    [O.PUBLISHED]: [A.RESPOND, A.CONFIRM],
    [O.CHANGE_PROPOSED]: [],
    [O.CONFIRMED]: [A.SHIP],
    [O.REJECTED]: [],
    [O.PARTIALLY_SHIPPED]: [A.SHIP],
    [O.SHIPPED]: [],
    [O.RECEIVED]: [],
    [O.CLOSED]: [],
    [O.CANCELLED]: [],
  };
  const ANCHOR = '11111111-1111-4111-8111-111111111111';
  const SUPPLIER = '22222222-2222-4222-8222-222222222222';
  const caller = (organizationId: string, kind: OrgKind, roles: Role[]) =>
    new RequestContext('t', { userId: null, organizationId, organizationKind: kind, roles, locale: 'en' });
  const buyer = caller(ANCHOR, OrgKind.ANCHOR, [Role.PROCUREMENT]);
  const planner = caller(ANCHOR, OrgKind.ANCHOR, [Role.PLANNER, Role.ORG_ADMIN]);
  const sales = caller(SUPPLIER, OrgKind.SUPPLIER, [Role.SUPPLIER_SALES]);
  const otherBuyer = caller('33333333-3333-4333-8333-333333333333', OrgKind.ANCHOR, [Role.PROCUREMENT]);

  it.each(orderStates)('offers in %s exactly what each party may do', (status) => {
    const order = { status, anchorOrganizationId: ANCHOR, supplierOrganizationId: SUPPLIER };
    expect(orderActions(buyer, order).sort()).toEqual([...BUYER_MAY[status]].sort());
    expect(orderActions(sales, order).sort()).toEqual([...SUPPLIER_MAY[status]].sort());
    // Without the role, or on someone else's order, nothing.
    expect(orderActions(planner, order)).toEqual([]);
    expect(orderActions(otherBuyer, order)).toEqual([]);
    expect(orderActions(RequestContext.anonymous('t', 'en'), order)).toEqual([]);
  });

  it('requires of each action exactly the roles and organization kinds its mutation requires', () => {
    const mutations: Record<A, keyof PurchaseOrderResolver> = {
      [A.PUBLISH]: 'publishPurchaseOrder',
      [A.RESPOND]: 'respondToPurchaseOrder',
      [A.CONFIRM]: 'confirmPurchaseOrder',
      [A.RESOLVE]: 'resolveChangeProposals',
      [A.REVISE]: 'revisePurchaseOrder',
      [A.CANCEL]: 'cancelPurchaseOrder',
      [A.CLOSE]: 'closePurchaseOrder',
      [A.SHIP]: 'createShipmentNotice',
      [A.RECEIVE]: 'recordGoodsReceipt',
    };
    for (const action of Object.values(A)) {
      const handler = PurchaseOrderResolver.prototype[mutations[action]] as object;
      const rule = ORDER_LIFECYCLE.actions[action];
      expect([action, Reflect.getMetadata(ROLES_KEY, handler)]).toEqual([action, rule.roles]);
      expect([action, Reflect.getMetadata(ORG_KINDS_KEY, handler)]).toEqual([action, rule.kinds]);
    }
  });
});

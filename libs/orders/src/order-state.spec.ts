import { describe, expect, it } from '@jest/globals';
import { RequestContext } from '@anchorlink/core';
import {
  ACTION_STATES,
  assertAction,
  assertLineTransition,
  assertTransition,
  canTransition,
  canTransitionLine,
  LINE_TRANSITIONS,
  OrderLineStatus as L,
  PurchaseOrderStatus as O,
  statusFromLines,
} from './order-state.js';

const ctx = RequestContext.anonymous('t', 'en');
const orderStates = Object.values(O);
const lineStates = Object.values(L);

/** The order lifecycle written out by hand, independently of the table, pair by pair. */
const ALLOWED = new Set([
  'DRAFT>PUBLISHED', 'DRAFT>CANCELLED',
  'PUBLISHED>PUBLISHED', 'PUBLISHED>CONFIRMED', 'PUBLISHED>CHANGE_PROPOSED', 'PUBLISHED>REJECTED', 'PUBLISHED>CANCELLED',
  'CHANGE_PROPOSED>PUBLISHED', 'CHANGE_PROPOSED>CHANGE_PROPOSED', 'CHANGE_PROPOSED>CONFIRMED', 'CHANGE_PROPOSED>REJECTED', 'CHANGE_PROPOSED>CANCELLED',
  'CONFIRMED>PUBLISHED', 'CONFIRMED>CHANGE_PROPOSED', 'CONFIRMED>CONFIRMED', 'CONFIRMED>REJECTED', 'CONFIRMED>PARTIALLY_SHIPPED', 'CONFIRMED>SHIPPED', 'CONFIRMED>CANCELLED',
  'REJECTED>PUBLISHED', 'REJECTED>CONFIRMED', 'REJECTED>CHANGE_PROPOSED', 'REJECTED>CANCELLED', 'REJECTED>CLOSED',
  'PARTIALLY_SHIPPED>PARTIALLY_SHIPPED', 'PARTIALLY_SHIPPED>SHIPPED', 'PARTIALLY_SHIPPED>RECEIVED', 'PARTIALLY_SHIPPED>CLOSED',
  'SHIPPED>SHIPPED', 'SHIPPED>RECEIVED', 'SHIPPED>CLOSED',
  'RECEIVED>CLOSED',
]);

const LINE_ALLOWED = new Set([
  'PENDING>ACCEPTED', 'PENDING>REJECTED', 'PENDING>CHANGE_PROPOSED', 'PENDING>CANCELLED',
  'CHANGE_PROPOSED>ACCEPTED', 'CHANGE_PROPOSED>PENDING', 'CHANGE_PROPOSED>CANCELLED',
  'ACCEPTED>PENDING', 'ACCEPTED>CANCELLED',
  'REJECTED>PENDING', 'REJECTED>CANCELLED',
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
    expect(() => assertAction(ctx, 'publish', O.CONFIRMED)).toThrow('The order is CONFIRMED and cannot be published');
    const zh = RequestContext.anonymous('t', 'zh-CN');
    expect(() => assertAction(zh, 'cancel', O.SHIPPED)).toThrow('订单当前状态为 SHIPPED，不能取消');
    try {
      assertAction(ctx, 'respond', O.DRAFT);
    } catch (error) {
      expect((error as { extensions: { code: string } }).extensions.code).toBe('CONFLICT');
    }
  });

  it('allows each action only from states whose resulting transitions the table allows', () => {
    for (const from of ACTION_STATES.cancel) expect(canTransition(from, O.CANCELLED)).toBe(true);
    for (const from of ACTION_STATES.close) expect(canTransition(from, O.CLOSED)).toBe(true);
    for (const from of ACTION_STATES.publish) expect(canTransition(from, O.PUBLISHED)).toBe(true);
    for (const from of ACTION_STATES.revise) expect(canTransition(from, O.PUBLISHED)).toBe(true);
    for (const from of ACTION_STATES.ship) expect(canTransition(from, O.SHIPPED)).toBe(true);
    for (const from of ACTION_STATES.receive) expect(canTransition(from, O.RECEIVED)).toBe(true);
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
});

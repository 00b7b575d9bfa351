import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { OrgKind, RequestContext, Role } from '@anchorlink/core';
import { LineDecision } from './dto/order.types.js';
import { OrderLineStatus, PurchaseOrderStatus } from './order-state.js';
import { OrdersService } from './orders.service.js';

const ANCHOR = '11111111-1111-4111-8111-111111111111';
const SUPPLIER = '22222222-2222-4222-8222-222222222222';
const ORDER = '33333333-3333-4333-8333-333333333333';
const LINE = '44444444-4444-4444-8444-444444444444';

type AnyFn = (...args: any[]) => any;

function order(status = PurchaseOrderStatus.PUBLISHED, version = 2) {
  return { id: ORDER, anchorOrganizationId: ANCHOR, supplierOrganizationId: SUPPLIER, status, version, revision: 1, firstRespondedAt: null };
}

function line(status = OrderLineStatus.PENDING) {
  return { id: LINE, orderId: ORDER, lineNumber: 1, quantity: '10', unitPrice: '5', requestedDate: '2026-12-01', status, shippedQuantity: '0' };
}

/** The service with every collaborator mocked: the rules, without a database. */
describe('OrdersService (rules, mocked repositories)', () => {
  let repo: Record<string, jest.Mock<AnyFn>>;
  let service: OrdersService;
  const supplier = RequestContext.forOrganization(SUPPLIER, OrgKind.SUPPLIER, [Role.SUPPLIER_SALES]);

  beforeEach(() => {
    repo = {
      findOrdersByIds: jest.fn<AnyFn>(async () => [order()]),
      bumpVersion: jest.fn<AnyFn>(async () => order(PurchaseOrderStatus.PUBLISHED, 3)),
      findLinesByOrderIds: jest.fn<AnyFn>(async () => [line()]),
      updateLine: jest.fn<AnyFn>(async () => undefined),
      updateOrder: jest.fn<AnyFn>(async () => undefined),
      insertEvent: jest.fn<AnyFn>(async () => ({ id: 'e' })),
    };
    const audit = { record: jest.fn<AnyFn>(async () => undefined) };
    service = new OrdersService(repo as never, {} as never, {} as never, {} as never, {} as never, audit as never, {} as never, {} as never, { emit: async () => 'event-id' } as never);
  });

  it('refuses a stale version before touching anything', async () => {
    await expect(service.confirm(supplier, ORDER, 1)).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(repo.bumpVersion).not.toHaveBeenCalled();
    expect(repo.updateLine).not.toHaveBeenCalled();
  });

  it('treats a lost race for the version as CONFLICT', async () => {
    repo.bumpVersion.mockResolvedValue(null);
    await expect(service.confirm(supplier, ORDER, 2)).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(repo.updateLine).not.toHaveBeenCalled();
  });

  it('accepts a line with its requested values as the confirmed ones, and confirms the order', async () => {
    await service.respond(supplier, ORDER, 2, [{ lineId: LINE, decision: LineDecision.ACCEPT }]).catch(() => undefined);
    expect(repo.updateLine).toHaveBeenCalledWith(
      supplier,
      LINE,
      expect.objectContaining({ status: OrderLineStatus.ACCEPTED, confirmedQuantity: '10', confirmedDate: '2026-12-01', confirmedUnitPrice: '5' }),
    );
    expect(repo.updateOrder).toHaveBeenCalledWith(supplier, ORDER, expect.objectContaining({ status: PurchaseOrderStatus.CONFIRMED }));
  });

  it('refuses a proposal that changes nothing, and one without a reason code', async () => {
    await expect(
      service.respond(supplier, ORDER, 2, [{ lineId: LINE, decision: LineDecision.PROPOSE_CHANGE, quantity: '10.000', reasonCode: 'OTHER' as never }]),
    ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(service.respond(supplier, ORDER, 2, [{ lineId: LINE, decision: LineDecision.PROPOSE_CHANGE, quantity: '8' }])).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(repo.updateLine).not.toHaveBeenCalled();
  });

  it('refuses lines that are not in the order or appear twice', async () => {
    await expect(service.respond(supplier, ORDER, 2, [{ lineId: ANCHOR, decision: LineDecision.ACCEPT }])).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await expect(
      service.respond(supplier, ORDER, 2, [
        { lineId: LINE, decision: LineDecision.ACCEPT },
        { lineId: LINE, decision: LineDecision.ACCEPT },
      ]),
    ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('names the state when the order cannot be answered', async () => {
    repo.findOrdersByIds.mockResolvedValue([order(PurchaseOrderStatus.CONFIRMED)]);
    await expect(service.confirm(supplier, ORDER, 2)).rejects.toThrow('订单当前状态为 CONFIRMED，不能确认');
  });
  it('asks for the lines an order query selects together with the order, and answers its lines field from that read', async () => {
    const reader = RequestContext.forOrganization(SUPPLIER, OrgKind.SUPPLIER, [Role.SUPPLIER_SALES]); // its own request loaders
    let answerOrder!: (rows: unknown[]) => void;
    repo.findOrdersByIds.mockImplementation(() => new Promise((resolve) => (answerOrder = resolve)));
    const selection = { line: ['id', 'lineNumber'], part: null, key: 'id,lineNumber|-' };
    const getting = service.get(reader, ORDER, { lines: selection });
    // Both reads are asked for before the order's is answered: they go to PostgreSQL together.
    await new Promise((resolve) => setImmediate(resolve));
    expect(repo.findOrdersByIds).toHaveBeenCalledTimes(1);
    expect(repo.findLinesByOrderIds).toHaveBeenCalledWith(reader, [ORDER], selection);
    answerOrder([order()]);
    await expect(getting).resolves.toMatchObject({ id: ORDER });
    // The lines field of that order is answered from the same read.
    await expect(service.linesLoader(reader, selection).load(ORDER)).resolves.toEqual([line()]);
    expect(repo.findLinesByOrderIds).toHaveBeenCalledTimes(1);
  });

  it('reads no lines with an order when none are selected, nor for an id that is not one', async () => {
    const reader = RequestContext.forOrganization(SUPPLIER, OrgKind.SUPPLIER, [Role.SUPPLIER_SALES]); // its own request loaders
    await service.get(reader, ORDER);
    await service.get(reader, ORDER, { lines: null });
    await expect(service.get(reader, 'not-an-id', { lines: { line: ['id'], part: null, key: 'id|-' } })).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(repo.findLinesByOrderIds).not.toHaveBeenCalled();
  });

  it('reports a failed read of the lines on the lines field, not as an unhandled rejection of the order', async () => {
    const reader = RequestContext.forOrganization(SUPPLIER, OrgKind.SUPPLIER, [Role.SUPPLIER_SALES]); // its own request loaders
    repo.findLinesByOrderIds.mockRejectedValueOnce(new Error('lines failed'));
    const selection = { line: ['id'], part: null, key: 'id|-' };
    await expect(service.get(reader, ORDER, { lines: selection })).resolves.toMatchObject({ id: ORDER });
    // The read's own error, kept: not a second read (which would run into the aborted transaction).
    await expect(service.linesLoader(reader, selection).load(ORDER)).rejects.toThrow('lines failed');
    expect(repo.findLinesByOrderIds).toHaveBeenCalledTimes(1);
  });
});

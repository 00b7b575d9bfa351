import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import {
  type AuditService,
  type DataStandardsPort,
  type DocumentNumbers,
  type DomainEvents,
  type IdempotencyService,
  OrgKind,
  RequestContext,
  Role,
} from '@anchorlink/core';
import type { OrganizationsService, PartnershipsService } from '@anchorlink/identity';
import type { PartsService } from '@anchorlink/parts';
import { fake } from '../../../test/support/fakes.js';
import { LineDecision } from './dto/order.types.js';
import { ChangeReason, PurchaseOrderLine } from './entities/purchase-order-line.entity.js';
import { PurchaseOrder } from './entities/purchase-order.entity.js';
import { OrderLineStatus, PurchaseOrderStatus } from './order-state.js';
import type { OrdersRepository } from './orders.repository.js';
import { OrdersService } from './orders.service.js';

const ANCHOR = '11111111-1111-4111-8111-111111111111';
const SUPPLIER = '22222222-2222-4222-8222-222222222222';
const ORDER = '33333333-3333-4333-8333-333333333333';
const LINE = '44444444-4444-4444-8444-444444444444';

function order(status = PurchaseOrderStatus.PUBLISHED, version = 2): PurchaseOrder {
  return Object.assign(new PurchaseOrder(), {
    id: ORDER,
    anchorOrganizationId: ANCHOR,
    supplierOrganizationId: SUPPLIER,
    status,
    version,
    revision: 1,
    firstRespondedAt: null,
  });
}

function line(status = OrderLineStatus.PENDING): PurchaseOrderLine {
  return Object.assign(new PurchaseOrderLine(), {
    id: LINE,
    orderId: ORDER,
    lineNumber: 1,
    quantity: '10',
    unitPrice: '5',
    requestedDate: '2026-12-01',
    status,
    shippedQuantity: '0',
  });
}

/** The service's rules with its repository and outbox mocked: no database (the e2e tests run them against PostgreSQL). */
describe('OrdersService (rules, mocked repositories)', () => {
  let repo: {
    lockWithLines: jest.Mock<OrdersRepository['lockWithLines']>;
    applyChange: jest.Mock<OrdersRepository['applyChange']>;
    findOrdersByIds: jest.Mock<OrdersRepository['findOrdersByIds']>;
  };
  let dispatch: jest.Mock<DomainEvents['dispatch']>;
  let service: OrdersService;
  const supplier = RequestContext.forOrganization(SUPPLIER, OrgKind.SUPPLIER, [Role.SUPPLIER_SALES]);

  beforeEach(() => {
    repo = {
      // The lock succeeds for the current version (2) only, as the repository's UPDATE … WHERE version = $3 does.
      lockWithLines: jest.fn<OrdersRepository['lockWithLines']>(async (_ctx, _id, expected) =>
        expected === 2 ? { locked: order(PurchaseOrderStatus.PUBLISHED, 3), lines: [line()] } : { locked: null, current: order() },
      ),
      applyChange: jest.fn<OrdersRepository['applyChange']>(async () => order(PurchaseOrderStatus.CONFIRMED, 3)),
      findOrdersByIds: jest.fn<OrdersRepository['findOrdersByIds']>(async () => [order()]),
    };
    dispatch = jest.fn<DomainEvents['dispatch']>(async () => undefined);
    service = new OrdersService(
      fake<OrdersRepository>('orders', repo),
      fake<PartnershipsService>('partnerships'),
      fake<OrganizationsService>('organizations'),
      fake<PartsService>('parts'),
      fake<DataStandardsPort>('standards'),
      fake<AuditService>('audit'),
      fake<IdempotencyService>('idempotency'),
      fake<DocumentNumbers>('numbers'),
      fake<DomainEvents>('domainEvents', { dispatch }),
    );
  });

  it('refuses a stale version before changing anything', async () => {
    await expect(service.confirm(supplier, ORDER, 1)).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(repo.applyChange).not.toHaveBeenCalled();
  });

  it('treats a lost race for the version as CONFLICT', async () => {
    repo.lockWithLines.mockResolvedValue({ locked: null, current: order(PurchaseOrderStatus.PUBLISHED, 2) });
    await expect(service.confirm(supplier, ORDER, 2)).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(repo.applyChange).not.toHaveBeenCalled();
  });

  it('accepts a line with its requested values as the confirmed ones, confirms the order, and writes it all at once', async () => {
    const answered = await service.respond(supplier, ORDER, 2, [{ lineId: LINE, decision: LineDecision.ACCEPT }]);
    expect(answered).toMatchObject({ id: ORDER, status: PurchaseOrderStatus.CONFIRMED, version: 3 });
    expect(repo.applyChange).toHaveBeenCalledTimes(1);
    const [, orderId, change] = repo.applyChange.mock.calls[0];
    expect(orderId).toBe(ORDER);
    expect(change.lines).toEqual([
      {
        id: LINE,
        changes: expect.objectContaining({
          status: OrderLineStatus.ACCEPTED,
          confirmedQuantity: '10',
          confirmedDate: '2026-12-01',
          confirmedUnitPrice: '5',
        }),
        added: {},
      },
    ]);
    expect(change.order).toMatchObject({ status: PurchaseOrderStatus.CONFIRMED });
    expect(change.events.map((e) => e.type)).toEqual(['RESPONDED', 'CONFIRMED']);
    expect(change.audit.map((a) => a.action)).toEqual(['order.responded', 'order.confirmed']);
    expect(change.outbox.map((o) => o.type)).toEqual(['order.responded', 'order.confirmed']);
    // The outbox events are dispatched in the same transaction.
    expect(dispatch.mock.calls[0][1].map((o) => o.type)).toEqual(['order.responded', 'order.confirmed']);
  });

  it('refuses a proposal that changes nothing, and one without a reason code', async () => {
    await expect(
      service.respond(supplier, ORDER, 2, [
        { lineId: LINE, decision: LineDecision.PROPOSE_CHANGE, quantity: '10.000', reasonCode: ChangeReason.OTHER },
      ]),
    ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(
      service.respond(supplier, ORDER, 2, [{ lineId: LINE, decision: LineDecision.PROPOSE_CHANGE, quantity: '8' }]),
    ).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(repo.applyChange).not.toHaveBeenCalled();
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
    expect(repo.applyChange).not.toHaveBeenCalled();
  });

  it('names the state when the order cannot be answered', async () => {
    repo.lockWithLines.mockResolvedValue({ locked: order(PurchaseOrderStatus.CONFIRMED, 3), lines: [line(OrderLineStatus.ACCEPTED)] });
    await expect(service.confirm(supplier, ORDER, 2)).rejects.toThrow('订单当前状态为 CONFIRMED，不能确认');
    expect(repo.applyChange).not.toHaveBeenCalled();
  });
});

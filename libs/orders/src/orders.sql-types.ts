import { connectionSqlType, type PlanScope, type RelationSource, type SqlType } from '@anchorlink/core';
import { OrderEvent } from './entities/order-event.entity.js';
import { PurchaseOrderLine } from './entities/purchase-order-line.entity.js';
import { PurchaseOrder } from './entities/purchase-order.entity.js';

/** Related rows of another table: `table alias WHERE where(alias)`. */
function rows(
  scope: PlanScope,
  table: string,
  prefix: string,
  where: (alias: string) => string,
  orderBy?: (alias: string) => string,
): RelationSource {
  const alias = scope.alias(prefix);
  return { from: `${table} ${alias}`, alias, where: where(alias), ...(orderBy ? { orderBy: orderBy(alias) } : {}) };
}

/**
 * How SQL reads an order and what hangs off it (SqlPlanner). The root query
 * has already restricted the orders to the caller's; each relation says the
 * caller's organization again (`$1`), and row-level security a third time.
 */
export const ORDER_SQL_TYPES: SqlType[] = [
  {
    name: 'PurchaseOrder',
    entity: PurchaseOrder,
    fields: {
      anchor: { one: 'Organization', source: (o, s) => rows(s, 'organizations', 'org', (a) => `${a}.id = ${o}.anchor_org_id`) },
      supplier: { one: 'Organization', source: (o, s) => rows(s, 'organizations', 'org', (a) => `${a}.id = ${o}.supplier_org_id`) },
      lines: {
        many: 'PurchaseOrderLine',
        source: (o, s) =>
          rows(
            s,
            'purchase_order_lines',
            'l',
            (l) => `${l}.order_id = ${o}.id AND (${l}.anchor_org_id = ${s.organization} OR ${l}.supplier_org_id = ${s.organization})`,
            (l) => `${l}.line_number`,
          ),
      },
      // From the order's lifecycle, the caller's roles and side (PurchaseOrderResolver.availableActions).
      availableActions: {
        delegate: {
          status: (o) => `${o}.status`,
          anchorOrganizationId: (o) => `${o}.anchor_org_id`,
          supplierOrganizationId: (o) => `${o}.supplier_org_id`,
        },
      },
      // Oldest first; a supplier never sees draft-time events.
      events: {
        many: 'OrderEvent',
        source: (o, s) =>
          rows(
            s,
            'order_events',
            'ev',
            (e) =>
              `${e}.order_id = ${o}.id AND (${e}.anchor_org_id = ${s.organization} OR (${e}.supplier_org_id = ${s.organization} AND ${e}.supplier_visible))`,
            (e) => `${e}.at, ${e}.id`,
          ),
      },
    },
  },
  {
    name: 'PurchaseOrderLine',
    entity: PurchaseOrderLine,
    fields: {
      part: {
        one: 'Part',
        source: (l, s) => rows(s, 'parts', 'p', (p) => `${p}.id = ${l}.part_id AND ${p}.anchor_org_id = ${l}.anchor_org_id`),
      },
      proposal: { embedded: 'LineProposal', when: (l) => `${l}.proposal_reason_code IS NOT NULL` },
    },
  },
  {
    name: 'LineProposal',
    fields: {
      quantity: { column: 'proposal_quantity' },
      deliveryDate: { column: 'proposal_date' },
      unitPrice: { column: 'proposal_unit_price' },
      reasonCode: { column: 'proposal_reason_code' },
      reason: { column: 'proposal_reason' },
    },
  },
  {
    name: 'OrderEvent',
    entity: OrderEvent,
    fields: {
      purchaseOrderId: { column: 'order_id' },
      // The user comes from the identity lib's own loader (OrderEventResolver.actor reads actorUserId).
      actor: { delegate: { actorUserId: (e) => `${e}.actor_user_id` } },
    },
  },
  connectionSqlType('PurchaseOrderConnection', 'PurchaseOrder'),
];

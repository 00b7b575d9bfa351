import type { TestApp } from './test-app.js';
import { BUYER, demoPartId, ORG } from './fixtures.js';

export const ORDER_FIELDS = `
  id number status revision version currency notes totalAmount publishedAt confirmedAt createdAt
  anchor { id name } supplier { id name }
  lines {
    id lineNumber supplierPartNumber quantity uom unitPrice requestedDate status
    confirmedQuantity confirmedDate confirmedUnitPrice shippedQuantity receivedQuantity
    part { id partNumber }
    proposal { quantity deliveryDate unitPrice reasonCode reason }
  }
  events { id purchaseOrderId type revision at details actor { email } }
`;

export const CREATE_ORDER = `mutation($input: CreatePurchaseOrderInput!) { createPurchaseOrder(input: $input) { ${ORDER_FIELDS} } }`;
export const PUBLISH_ORDER = `mutation($id: ID!, $v: Int!) { publishPurchaseOrder(id: $id, expectedVersion: $v) { ${ORDER_FIELDS} } }`;
export const RESPOND = `mutation($id: ID!, $v: Int!, $lines: [LineResponseInput!]!) { respondToPurchaseOrder(id: $id, expectedVersion: $v, lines: $lines) { ${ORDER_FIELDS} } }`;
export const CONFIRM = `mutation($id: ID!, $v: Int!) { confirmPurchaseOrder(id: $id, expectedVersion: $v) { ${ORDER_FIELDS} } }`;
export const RESOLVE = `mutation($id: ID!, $v: Int!, $r: [ProposalResolutionInput!]!) { resolveChangeProposals(id: $id, expectedVersion: $v, resolutions: $r) { ${ORDER_FIELDS} } }`;
export const REVISE = `mutation($id: ID!, $v: Int!, $c: [LineRevisionInput!]!) { revisePurchaseOrder(id: $id, expectedVersion: $v, changes: $c) { ${ORDER_FIELDS} } }`;
export const CANCEL = `mutation($id: ID!, $v: Int!, $reason: String!) { cancelPurchaseOrder(id: $id, expectedVersion: $v, reason: $reason) { ${ORDER_FIELDS} } }`;
export const CLOSE = `mutation($id: ID!, $v: Int!) { closePurchaseOrder(id: $id, expectedVersion: $v) { ${ORDER_FIELDS} } }`;
export const SHIP = `mutation($input: CreateShipmentNoticeInput!) {
  createShipmentNotice(input: $input) { id number shipDate expectedArrival carrier trackingNumber createdAt
    purchaseOrder { id status version } lines { quantity orderLine { id lineNumber shippedQuantity } } }
}`;
export const RECEIVE = `mutation($input: RecordGoodsReceiptInput!) {
  recordGoodsReceipt(input: $input) { id receivedOn shipmentNotice { id number } lines { quantity orderLine { id receivedQuantity } } }
}`;
export const ORDER = `query($id: ID!) { purchaseOrder(id: $id) { ${ORDER_FIELDS} } }`;
export const ORDERS = `query($filter: PurchaseOrderFilter, $first: Int, $after: String) {
  purchaseOrders(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id number status supplier { id } }
  }
}`;

/** Two lines of 精工铸造 parts: 10 × 1250.5 and 4 × 980.25 = 16426.0. */
export function castingsLines(date = '2026-12-15') {
  return [
    { partId: demoPartId('anchor', 'YH-CST-1001'), quantity: '10', unitPrice: '1250.5', requestedDate: date },
    { partId: demoPartId('anchor', 'YH-CST-1003'), quantity: '4', unitPrice: '980.25', requestedDate: date },
  ];
}

export async function createOrder(t: TestApp, overrides: Record<string, unknown> = {}, as = BUYER): Promise<any> {
  const input = { supplierId: ORG.castings, currency: 'CNY', lines: castingsLines(), ...overrides };
  return (await t.ok(CREATE_ORDER, { input }, as)).createPurchaseOrder;
}

export async function publishedOrder(t: TestApp, overrides: Record<string, unknown> = {}): Promise<any> {
  const draft = await createOrder(t, overrides);
  return (await t.ok(PUBLISH_ORDER, { id: draft.id, v: draft.version }, BUYER)).publishPurchaseOrder;
}

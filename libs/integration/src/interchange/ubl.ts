import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/** UBL 2.1 namespaces. */
export const UBL = {
  order: 'urn:oasis:names:specification:ubl:schema:xsd:Order-2',
  orderResponse: 'urn:oasis:names:specification:ubl:schema:xsd:OrderResponse-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
} as const;

export interface UblParty {
  name: string;
  /** 统一社会信用代码, when known. */
  creditCode: string | null;
}

export interface UblOrderLine {
  id: string;
  lineNumber: number;
  partNumber: string;
  description: string;
  supplierPartNumber: string | null;
  quantity: string;
  uom: string;
  unitPrice: string;
  lineAmount: string;
  requestedDate: string;
}

export interface UblOrder {
  id: string;
  number: string;
  revision: number;
  issueDate: string;
  currency: string;
  notes: string | null;
  buyer: UblParty;
  seller: UblParty;
  totalAmount: string;
  lines: UblOrderLine[];
}

const party = (p: UblParty) => ({
  'cac:Party': {
    ...(p.creditCode ? { 'cac:PartyIdentification': { 'cbc:ID': { '@_schemeName': 'USCC', '#text': p.creditCode } } } : {}),
    'cac:PartyName': { 'cbc:Name': p.name },
  },
});

const amount = (value: string, currency: string) => ({ '@_currencyID': currency, '#text': value });

/** A purchase order as a UBL 2.1 Order document (elements in the schema's order). */
export function buildUblOrder(order: UblOrder): string {
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    Order: {
      '@_xmlns': UBL.order,
      '@_xmlns:cac': UBL.cac,
      '@_xmlns:cbc': UBL.cbc,
      'cbc:UBLVersionID': '2.1',
      'cbc:CustomizationID': 'urn:anchorlink:ubl:order:1',
      'cbc:ID': order.number,
      'cbc:UUID': order.id,
      'cbc:IssueDate': order.issueDate,
      ...(order.notes ? { 'cbc:Note': order.notes } : {}),
      'cbc:DocumentCurrencyCode': order.currency,
      'cbc:LineCountNumeric': order.lines.length,
      'cac:BuyerCustomerParty': party(order.buyer),
      'cac:SellerSupplierParty': party(order.seller),
      'cac:AnticipatedMonetaryTotal': {
        'cbc:LineExtensionAmount': amount(order.totalAmount, order.currency),
        'cbc:PayableAmount': amount(order.totalAmount, order.currency),
      },
      'cac:OrderLine': order.lines.map((line) => ({
        'cac:LineItem': {
          'cbc:ID': line.lineNumber,
          'cbc:UUID': line.id,
          'cbc:Quantity': { '@_unitCode': line.uom, '#text': line.quantity },
          'cbc:LineExtensionAmount': amount(line.lineAmount, order.currency),
          'cac:Delivery': { 'cac:RequestedDeliveryPeriod': { 'cbc:EndDate': line.requestedDate } },
          'cac:Price': { 'cbc:PriceAmount': amount(line.unitPrice, order.currency) },
          'cac:Item': {
            'cbc:Description': line.description,
            'cbc:Name': line.partNumber,
            'cac:BuyersItemIdentification': { 'cbc:ID': line.partNumber },
            ...(line.supplierPartNumber ? { 'cac:SellersItemIdentification': { 'cbc:ID': line.supplierPartNumber } } : {}),
          },
        },
      })),
    },
  };
  return new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true }).build(document);
}

export type OrderResponseCode = 'AP' | 'RE' | 'CA';

/** UNCL 1229 line status codes as the issue names them. */
export const LINE_STATUS = { accepted: '5', rejected: '7', changed: '3' } as const;

export interface UblResponseLine {
  lineNumber: number;
  status: 'ACCEPTED' | 'REJECTED' | 'CHANGED';
  quantity: string | null;
  deliveryDate: string | null;
  unitPrice: string | null;
  note: string | null;
}

export interface UblOrderResponse {
  code: OrderResponseCode;
  orderNumber: string | null;
  orderUuid: string | null;
  note: string | null;
  lines: UblResponseLine[];
}

/** A document that cannot be applied: every reason found, for the 400 answer. */
export class UblDocumentError extends Error {
  constructor(readonly reasons: string[]) {
    super(reasons.join('; '));
  }
}

const DECIMAL = /^\d{1,18}(\.\d{1,6})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const parser = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => name === 'OrderLine' || name === 'Note',
});
const rawParser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, processEntities: false });

type Node = Record<string, any> | string | undefined;

function text(node: Node): string | null {
  if (node === undefined || node === null) return null;
  if (typeof node === 'string') return node.trim() || null;
  const value = node['#text'];
  return typeof value === 'string' ? value.trim() || null : value === undefined ? null : String(value);
}

/**
 * Reads a UBL 2.1 OrderResponse: the response code (AP accept all, RE reject
 * all, CA per line with LineStatusCode 5 accepted / 7 rejected / 3 changed),
 * the order it answers and its lines. Throws UblDocumentError listing every
 * problem; DOCTYPEs are refused outright (no entity tricks).
 */
export function parseUblOrderResponse(xml: string): UblOrderResponse {
  if (!xml.trim()) throw new UblDocumentError(['the request body is empty: send the OrderResponse XML (Content-Type: application/xml)']);
  if (/<!DOCTYPE/i.test(xml)) throw new UblDocumentError(['DOCTYPE declarations are not accepted']);
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw new UblDocumentError([`not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`]);

  const raw = rawParser.parse(xml) as Record<string, any>;
  const rootName = Object.keys(raw).find((k) => k !== '?xml') ?? '';
  const localName = rootName.includes(':') ? rootName.split(':')[1] : rootName;
  const prefix = rootName.includes(':') ? rootName.split(':')[0] : null;
  const namespace = raw[rootName]?.[prefix ? `@_xmlns:${prefix}` : '@_xmlns'];
  if (localName !== 'OrderResponse' || namespace !== UBL.orderResponse) {
    throw new UblDocumentError([
      `the document is not a UBL 2.1 OrderResponse (root element ${rootName || 'missing'} in namespace ${namespace ?? 'none'})`,
    ]);
  }

  const root = (parser.parse(xml) as Record<string, any>).OrderResponse as Record<string, any>;
  const reasons: string[] = [];
  const code = text(root.OrderResponseCode);
  if (code !== 'AP' && code !== 'RE' && code !== 'CA') reasons.push(`OrderResponseCode must be AP, RE or CA (got ${code ?? 'none'})`);
  const version = text(root.UBLVersionID);
  if (version !== null && version !== '2.1') reasons.push(`UBLVersionID ${version} is not 2.1`);

  const lines: UblResponseLine[] = [];
  const seen = new Set<number>();
  for (const [index, orderLine] of ((root.OrderLine ?? []) as Record<string, any>[]).entries()) {
    const where = `OrderLine ${index + 1}`;
    const item = (orderLine.LineItem ?? {}) as Record<string, any>;
    const reference = text(orderLine.OrderLineReference?.LineID) ?? text(item.ID);
    const lineNumber = reference !== null && /^\d{1,6}$/.test(reference) ? Number(reference) : null;
    if (lineNumber === null) {
      reasons.push(`${where}: OrderLineReference/LineID (or LineItem/ID) must be the order's line number (got ${reference ?? 'none'})`);
      continue;
    }
    if (seen.has(lineNumber)) reasons.push(`${where}: line ${lineNumber} is answered twice`);
    seen.add(lineNumber);
    const statusCode = text(item.LineStatusCode);
    const status =
      statusCode === LINE_STATUS.accepted
        ? 'ACCEPTED'
        : statusCode === LINE_STATUS.rejected
          ? 'REJECTED'
          : statusCode === LINE_STATUS.changed
            ? 'CHANGED'
            : null;
    if (code === 'CA' && status === null)
      reasons.push(`${where}: LineStatusCode must be 5 (accepted), 7 (rejected) or 3 (changed) (got ${statusCode ?? 'none'})`);
    const quantity = text(item.Quantity);
    const deliveryDate = text(item.Delivery?.PromisedDeliveryPeriod?.EndDate) ?? text(item.Delivery?.RequestedDeliveryPeriod?.EndDate);
    const unitPrice = text(item.Price?.PriceAmount);
    if (quantity !== null && !DECIMAL.test(quantity)) reasons.push(`${where}: Quantity ${quantity} is not a decimal number`);
    if (deliveryDate !== null && !DATE.test(deliveryDate)) reasons.push(`${where}: delivery EndDate ${deliveryDate} is not YYYY-MM-DD`);
    if (unitPrice !== null && !DECIMAL.test(unitPrice)) reasons.push(`${where}: PriceAmount ${unitPrice} is not a decimal number`);
    if (status === 'CHANGED' && quantity === null && deliveryDate === null && unitPrice === null) {
      reasons.push(`${where}: a changed line (3) needs a Quantity, a PromisedDeliveryPeriod/EndDate or a PriceAmount`);
    }
    lines.push({
      lineNumber,
      status: status ?? 'ACCEPTED',
      quantity,
      deliveryDate,
      unitPrice,
      note: text((orderLine.Note ?? [])[0]) ?? text((item.Note ?? [])[0]),
    });
  }
  if (code === 'CA' && lines.length === 0 && reasons.length === 0) reasons.push('a CA response must answer at least one OrderLine');
  if (reasons.length) throw new UblDocumentError(reasons);
  return {
    code: code as OrderResponseCode,
    orderNumber: text(root.OrderReference?.ID),
    orderUuid: text(root.OrderReference?.UUID),
    note: text((root.Note ?? [])[0]),
    lines,
  };
}

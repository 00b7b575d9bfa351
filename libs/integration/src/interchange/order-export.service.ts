import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { BadUserInputError, DateTimeScalar, exactProduct, normalizeDecimal, type RequestContext } from '@anchorlink/core';
import { type Organization, OrganizationsService } from '@anchorlink/identity';
import { type PurchaseOrderFilter, PurchaseOrderStatus, OrdersService } from '@anchorlink/orders';
import { type Part, PartsService } from '@anchorlink/parts';

export type ExportFormat = 'csv' | 'xlsx';

/** The columns, in order; their headers are the catalogue's `export.column.<key>`. */
const COLUMNS = [
  { key: 'orderNumber', width: 18 },
  { key: 'status', width: 16 },
  { key: 'revision', width: 8 },
  { key: 'anchor', width: 24 },
  { key: 'supplier', width: 24 },
  { key: 'currency', width: 8 },
  { key: 'lineNumber', width: 6 },
  { key: 'partNumber', width: 16 },
  { key: 'supplierPartNumber', width: 18 },
  { key: 'description', width: 30 },
  { key: 'quantity', width: 12 },
  { key: 'uom', width: 6 },
  { key: 'unitPrice', width: 12 },
  { key: 'lineAmount', width: 14 },
  { key: 'requestedDate', width: 12 },
  { key: 'lineStatus', width: 14 },
  { key: 'confirmedQuantity', width: 12 },
  { key: 'confirmedDate', width: 12 },
  { key: 'shippedQuantity', width: 10 },
  { key: 'receivedQuantity', width: 10 },
  { key: 'updatedAt', width: 22 },
] as const;
type Row = Record<(typeof COLUMNS)[number]['key'], string | number>;
/** Exact decimals stay text in CSV; these are the columns that hold numbers. */
const NUMERIC = new Set([
  'revision',
  'lineNumber',
  'quantity',
  'unitPrice',
  'lineAmount',
  'confirmedQuantity',
  'shippedQuantity',
  'receivedQuantity',
]);

/**
 * Purchase orders, one row per line, as CSV (UTF-8 with a BOM, so Excel reads
 * Chinese correctly) or XLSX, written page by page to the response as they
 * are read: memory stays flat however many orders there are.
 */
@Injectable()
export class OrderExportService {
  constructor(
    private readonly orders: OrdersService,
    private readonly parts: PartsService,
    private readonly organizations: OrganizationsService,
  ) {}

  /**
   * The GraphQL list's filter from query parameters (status as a comma-separated list), every
   * parameter checked here, before anything is sent: a value the database would refuse (a NUL
   * character, a date-time out of range) must be a 400, not a 200 cut off half way.
   */
  filterFrom(ctx: RequestContext, query: Record<string, unknown>): PurchaseOrderFilter {
    const one = (name: string): string | null => {
      const value = query[name];
      if (value === undefined) return null;
      // Repeated (?a=1&a=2) or nested (?a[b]=1) parameters arrive as arrays or objects.
      if (typeof value !== 'string') throw new BadUserInputError(ctx.t('export.parameterRepeated', { field: name }), { field: name });
      if (value.includes('\u0000')) throw new BadUserInputError(ctx.t('export.nulCharacter', { field: name }), { field: name });
      return value.trim() || null;
    };
    const statuses =
      one('status')
        ?.split(',')
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean) ?? null;
    for (const status of statuses ?? []) {
      if (!(status in PurchaseOrderStatus))
        throw new BadUserInputError(ctx.t('export.statusInvalid', { status: status.slice(0, 40) }), { field: 'status' });
    }
    const supplierId = one('supplierId');
    const anchorId = one('anchorId');
    const search = one('search');
    const since = one('updatedSince');
    let updatedSince: Date | null = null;
    if (since !== null) {
      try {
        // The GraphQL list's DateTime: ISO 8601 with a time zone, years 1900 to 9999.
        updatedSince = DateTimeScalar.parseValue(since);
      } catch {
        throw new BadUserInputError(ctx.t('export.dateInvalid', { field: 'updatedSince' }), { field: 'updatedSince' });
      }
    }
    return { status: statuses as PurchaseOrderStatus[] | null, supplierId, anchorId, search, updatedSince };
  }

  /**
   * Writes the export to `out`. `begin` (the status and headers) is called once the first page
   * has been read: a failure before that is still answered as an error, not a cut connection.
   */
  async write(ctx: RequestContext, filter: PurchaseOrderFilter, format: ExportFormat, out: Writable, begin: () => void): Promise<void> {
    const rest = this.pages(ctx, filter);
    const first = await rest.next();
    const pages = (async function* () {
      if (!first.done) yield first.value;
      yield* rest;
    })();
    begin();
    const header = COLUMNS.map((c) => ctx.t(`export.column.${c.key}`));
    if (format === 'csv') {
      await write(out, `\uFEFF${csvLine(header)}`);
      for await (const rows of pages) {
        await write(out, rows.map((row) => csvLine(COLUMNS.map((c) => csvCell(c.key, row[c.key])))).join(''));
      }
      out.end();
      return;
    }
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet(ctx.t('export.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = COLUMNS.map((c, i) => ({ header: header[i], key: c.key, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for await (const rows of pages) {
      for (const row of rows) {
        // Numbers as numbers for Excel's sums; the exact decimal text is what the database holds.
        sheet
          .addRow(
            Object.fromEntries(COLUMNS.map((c) => [c.key, NUMERIC.has(c.key) && row[c.key] !== '' ? Number(row[c.key]) : row[c.key]])),
          )
          .commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  }

  private async *pages(ctx: RequestContext, filter: PurchaseOrderFilter): AsyncGenerator<Row[]> {
    let after: string | null = null;
    for (;;) {
      const page = await this.orders.list(ctx, filter, 200, after);
      const lines = await this.orders.linesLoader(ctx).loadMany(page.nodes.map((o) => o.id));
      const partIds = [...new Set(lines.flatMap((l) => (Array.isArray(l) ? l.map((x) => x.partId) : [])))];
      const parts = new Map<string, Part>();
      for (const part of await this.parts.loader(ctx).loadMany(partIds)) if (part && !(part instanceof Error)) parts.set(part.id, part);
      const organizationIds = [...new Set(page.nodes.flatMap((o) => [o.anchorOrganizationId, o.supplierOrganizationId]))];
      const organizations = new Map<string, Organization>();
      for (const org of await this.organizations.loader(ctx).loadMany(organizationIds))
        if (org && !(org instanceof Error)) organizations.set(org.id, org);
      const rows: Row[] = [];
      page.nodes.forEach((order, i) => {
        const orderLines = Array.isArray(lines[i]) ? lines[i] : [];
        for (const line of orderLines) {
          const part = parts.get(line.partId);
          rows.push({
            orderNumber: order.number,
            status: order.status,
            revision: order.revision,
            anchor: organizations.get(order.anchorOrganizationId)?.name ?? '',
            supplier: organizations.get(order.supplierOrganizationId)?.name ?? '',
            currency: order.currency,
            lineNumber: line.lineNumber,
            partNumber: part?.partNumber ?? '',
            supplierPartNumber: line.supplierPartNumber ?? '',
            description: part?.description ?? '',
            quantity: normalizeDecimal(line.quantity),
            uom: line.uom,
            unitPrice: normalizeDecimal(line.unitPrice),
            lineAmount: exactProduct(line.quantity, line.unitPrice).toFixed(),
            requestedDate: line.requestedDate,
            lineStatus: line.status,
            confirmedQuantity: line.confirmedQuantity === null ? '' : normalizeDecimal(line.confirmedQuantity),
            confirmedDate: line.confirmedDate ?? '',
            shippedQuantity: normalizeDecimal(line.shippedQuantity),
            receivedQuantity: normalizeDecimal(line.receivedQuantity),
            updatedAt: order.updatedAt.toISOString(),
          });
        }
      });
      yield rows;
      // Each page's caches are done with: memory stays flat.
      ctx.scope.clear();
      if (!page.pageInfo.hasNextPage) return;
      after = page.pageInfo.endCursor;
    }
  }
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

function csvLine(cells: string[]): string {
  return `${cells.join(',')}\r\n`;
}

/** RFC 4180 quoting; text that a spreadsheet would run as a formula is prefixed with ' (CSV injection). */
function csvCell(key: string, value: string | number): string {
  let text = String(value);
  if (!NUMERIC.has(key) && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res, UseFilters, UseInterceptors } from '@nestjs/common';
import type { Response } from 'express';
import { Ctx, OrgKind, OrgKinds, type RequestContext, RequestScopeInterceptor, RestExceptionFilter, Role, Roles } from '@anchorlink/core';
import { OrderExportService } from './order-export.service.js';
import { PurchaseOrderInterchangeService } from './purchase-order-interchange.service.js';

/**
 * REST beside GraphQL for ERPs, authenticated like it (Bearer token or
 * X-Api-Key): UBL 2.1 Order out, UBL 2.1 OrderResponse in, CSV/XLSX export.
 * Each call's transaction commits when its handler succeeds (RequestScopeInterceptor).
 */
@Controller('api/purchase-orders')
@UseFilters(RestExceptionFilter)
@UseInterceptors(RequestScopeInterceptor)
export class PurchaseOrderInterchangeController {
  constructor(
    private readonly interchange: PurchaseOrderInterchangeService,
    private readonly exports: OrderExportService,
  ) {}

  /** The orders the GraphQL list would show (same filters), one row per line, CSV with BOM. */
  @Get('export.csv')
  async exportCsv(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const filter = this.exports.filterFrom(ctx, query);
    await this.exports.write(ctx, filter, 'csv', res, () =>
      res.status(200).type('text/csv; charset=utf-8').setHeader('content-disposition', 'attachment; filename="purchase-orders.csv"'),
    );
  }

  @Get('export.xlsx')
  async exportXlsx(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const filter = this.exports.filterFrom(ctx, query);
    await this.exports.write(ctx, filter, 'xlsx', res, () =>
      res
        .status(200)
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .setHeader('content-disposition', 'attachment; filename="purchase-orders.xlsx"'),
    );
  }

  /** The order as a UBL 2.1 Order; the ETag is its version, to send back as If-Match with the response. */
  @Get(':id/ubl')
  async ubl(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const { xml, version, number } = await this.interchange.ublOrder(ctx, id);
    res
      .status(200)
      .type('application/xml; charset=utf-8')
      .setHeader('etag', `"${version}"`)
      .setHeader('content-disposition', `inline; filename="${number.replace(/[^\w.-]/g, '_')}.xml"`)
      .send(xml);
  }

  /** A supplier's ERP answers with a UBL 2.1 OrderResponse, applied exactly like respondToPurchaseOrder. */
  @Post(':id/ubl-response')
  @HttpCode(200)
  @Roles(Role.SUPPLIER_SALES)
  @OrgKinds(OrgKind.SUPPLIER)
  async ublResponse(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    const order = await this.interchange.applyOrderResponse(ctx, id, typeof body === 'string' ? body : '', ifMatch);
    return { id: order.id, number: order.number, status: order.status, version: order.version };
  }
}

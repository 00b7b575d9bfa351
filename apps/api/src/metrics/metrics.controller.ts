import { Controller, Get, Headers, NotFoundException, Res, UnauthorizedException } from '@nestjs/common';
import type { Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { AppConfig, Metrics, Public } from '@anchorlink/core';

/**
 * GET /metrics (Prometheus text format). With METRICS_TOKEN set, only for
 * `Authorization: Bearer <token>`; without it, open outside production and
 * absent (404) in production.
 */
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() res: Response): Promise<void> {
    const token = this.config.metricsToken;
    if (!token && this.config.isProduction) throw new NotFoundException();
    if (token) {
      const given = Buffer.from((authorization ?? '').replace(/^Bearer\s+/i, ''));
      const expected = Buffer.from(token);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new UnauthorizedException();
    }
    res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}

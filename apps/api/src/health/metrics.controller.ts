import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Registry } from 'prom-client';
import { Public } from '../auth/auth.decorators';

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
/** The webhook receiver's counters (`WebhookMetrics` from @leadflow/observability). */
export const WEBHOOK_METRICS = Symbol('WEBHOOK_METRICS');

/** Prometheus scrape endpoint. Public like health: it carries no tenant data, only counts. */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get()
  async scrape(@Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', this.registry.contentType);
    res.send(await this.registry.metrics());
  }
}

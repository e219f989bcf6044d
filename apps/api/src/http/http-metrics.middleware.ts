import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Histogram } from 'prom-client';

export const HTTP_HISTOGRAM = Symbol('HTTP_HISTOGRAM');

/** Times every request; the route label is the matched route template, never the raw URL. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(
    @Inject(HTTP_HISTOGRAM) private readonly histogram: Histogram<'method' | 'route' | 'status_code'>,
  ) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const end = this.histogram.startTimer();
    res.once('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      end({
        method: req.method,
        route: route ? `${req.baseUrl}${route}` : 'unmatched',
        status_code: String(res.statusCode),
      });
    });
    next();
  }
}

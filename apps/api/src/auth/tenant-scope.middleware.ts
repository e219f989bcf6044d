import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { runInTenantScope } from '@leadflow/database';

/** Opens an empty tenant scope around each request; the API key guard fills in the tenant. */
@Injectable()
export class TenantScopeMiddleware implements NestMiddleware {
  use(_req: Request, _res: Response, next: NextFunction): void {
    runInTenantScope(() => next());
  }
}

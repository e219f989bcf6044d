import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { CrmResult } from './hubspot-crm';
import { HubSpotError, internalError, rateLimitError } from './hubspot-errors';
import type { HubSpotPortal } from './hubspot-portal';
import { HubSpotSandbox, type Caller } from './hubspot-sandbox';
import { hasScope, missingScopesError, type RequiredScopes } from './scopes';
import { chance } from './seeded-random';

/** Search has its own per-second budget and carries no rate-limit headers. */
export type RequestKind = 'standard' | 'search';

export interface GatewayRoute {
  kind: RequestKind;
  /** Evaluated inside the error handling, so an unknown object type still answers HubSpot's 400. */
  scopes: () => RequiredScopes;
}

/** Writes a HubSpot error body with its correlation id. */
export function sendHubSpotError(res: Response, error: unknown): void {
  const correlationId = randomUUID();
  const e = error instanceof HubSpotError ? error : internalError(500);
  res
    .status(e.httpStatus)
    .set({ ...e.headers, 'X-HubSpot-Correlation-Id': correlationId })
    .json(e.body(correlationId));
}

/**
 * What HubSpot's gateway does before any API handler runs: authentication, outages, injected
 * faults, rate limits (ten-secondly, search, daily) and scopes, then the handler and its headers.
 */
@Injectable()
export class HubSpotGateway {
  constructor(private readonly sandbox: HubSpotSandbox) {}

  async handle(req: Request, res: Response, route: GatewayRoute, run: (caller: Caller) => CrmResult) {
    const headers: Record<string, string> = {};
    try {
      const caller = this.sandbox.authenticate(req.headers.authorization);
      const { portal } = caller;
      if (portal.inOutage(Date.now())) throw internalError(503);
      const { faults } = portal;
      if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
      const now = Date.now();
      if (faults.rateLimitStormUntil > now)
        throw rateLimitError('TEN_SECONDLY_ROLLING', this.rateHeaders(portal, 0));
      if (route.kind === 'search') {
        if (!portal.searchLimiter.tryTake(now).ok) throw rateLimitError('SECONDLY');
      } else {
        const taken = portal.limiter.tryTake(now);
        Object.assign(headers, this.rateHeaders(portal, taken.remaining));
        if (!taken.ok) throw rateLimitError('TEN_SECONDLY_ROLLING', headers);
      }
      // The daily cap applies to private apps only; OAuth apps have none.
      if (caller.kind === 'private') {
        const daily = portal.dailyLimiter.tryTake(now);
        if (route.kind !== 'search') {
          headers['X-HubSpot-RateLimit-Daily'] = String(portal.dailyLimiter.max);
          headers['X-HubSpot-RateLimit-Daily-Remaining'] = String(daily.remaining);
        }
        if (!daily.ok) throw rateLimitError('DAILY', headers);
      }
      const required = route.scopes();
      if (!hasScope(caller.scopes, required)) throw missingScopesError(required);
      if (chance(portal.random, faults.errorRate)) throw internalError(faults.errorStatus);
      const result = run(caller);
      res.status(result.status).set({ ...headers, 'X-HubSpot-Correlation-Id': randomUUID() });
      if (result.body === undefined) res.end();
      else res.json(result.body);
    } catch (error) {
      if (error instanceof HubSpotError) Object.assign(error.headers, headers, error.headers);
      sendHubSpotError(res, error);
    }
  }

  private rateHeaders(portal: HubSpotPortal, remaining: number): Record<string, string> {
    return {
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(portal.limiter.windowMs),
      'X-HubSpot-RateLimit-Max': String(portal.limiter.max),
      'X-HubSpot-RateLimit-Remaining': String(remaining),
    };
  }
}

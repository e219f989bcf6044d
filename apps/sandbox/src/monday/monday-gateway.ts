import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { GraphQLSchema } from 'graphql';
import type { Request, Response } from 'express';
import { chance } from '../hubspot/seeded-random';
import type { MondayAccount } from './monday-account';
import { resolveApiVersion } from './monday-api-versions';
import {
  badRequestError,
  complexityBudgetError,
  concurrencyLimitError,
  dailyLimitError,
  internalServerError,
  invalidVersionError,
  maxComplexityError,
  minuteLimitError,
  MondayRequestError,
  type MondayErrorEntry,
} from './monday-errors';
import { executeOperation, prepareOperation, type GraphqlBody } from './monday-graphql';
import { rateLimitHeaders, type SlidingWindowBudget } from './monday-rate-limits';
import { MondaySandbox, type MondayCaller } from './monday-sandbox';
import { mondaySchema } from './monday-schema';
import { MondayWebhooks } from './monday-webhooks';

/** Monday counts calls in tenths: 0.1 for a rate-limited request or a complexity-only query. */
const FULL_CALL = 10;
const TENTH_CALL = 1;

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

function graphqlBody(body: unknown): GraphqlBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequestError('Bad request');
  const { query, variables, operationName } = body as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '') throw badRequestError('No query string was present');
  if (
    variables !== undefined &&
    variables !== null &&
    (typeof variables !== 'object' || Array.isArray(variables))
  ) {
    // Since 2025-04 variables must be a JSON object, not a JSON string.
    throw badRequestError('Variables must be a JSON object');
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    throw badRequestError('operationName must be a string');
  }
  return {
    query,
    variables: (variables as Record<string, unknown> | null | undefined) ?? null,
    operationName: operationName ?? null,
  };
}

/**
 * What Monday's API gateway does around `POST /v2`: authentication, the API version, outages and
 * injected faults, the concurrency, minute, daily and complexity limits, then the GraphQL
 * operation; `RateLimit-Policy`/`RateLimit` headers and a `request_id` on every answer.
 */
@Injectable()
export class MondayGateway implements OnModuleInit {
  private readonly logger = new Logger('MondayGateway');
  private schema: GraphQLSchema | undefined;
  /** Why `/v2` cannot answer (the schema file is missing from this install), if so. */
  private unavailable: string | undefined;

  constructor(
    private readonly sandbox: MondaySandbox,
    private readonly webhooks: MondayWebhooks,
  ) {}

  /**
   * Builds Monday's schema at start-up, so a missing schema file is one clear log line rather than
   * a failure at the first request; the HubSpot simulator keeps working either way.
   */
  onModuleInit(): void {
    try {
      this.schema = mondaySchema();
    } catch (error) {
      this.unavailable = error instanceof Error ? error.message : String(error);
      this.logger.error(`Monday simulator unavailable: ${this.unavailable}`);
    }
  }

  async handle(req: Request, res: Response): Promise<void> {
    const requestId = randomUUID();
    let caller: MondayCaller | undefined;
    let holdsSlot = false;
    let budget: SlidingWindowBudget | undefined;
    const send = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
      const account = caller?.account;
      res
        .status(status)
        .set({
          ...(account ? this.limitHeaders(account, budget ?? this.budgetFor(caller!, false)) : {}),
          ...headers,
        })
        .json({ ...body, extensions: { request_id: requestId } });
    };
    try {
      const schema = this.schema;
      if (!schema)
        throw internalServerError(503, `Monday simulator unavailable: ${this.unavailable ?? 'starting'}`);
      caller = this.sandbox.authenticate(req.headers.authorization);
      const { account } = caller;
      if (account.inOutage(Date.now())) throw internalServerError(503);
      const requested = req.headers['api-version'];
      const version = resolveApiVersion(Array.isArray(requested) ? requested[0] : requested);
      if (!version.ok) throw invalidVersionError(String(requested));
      res.set('API-Version', version.version.value);
      const body = graphqlBody(req.body);

      if (account.inFlight >= account.limits.concurrency) {
        account.daily.tryTake(TENTH_CALL, Date.now());
        throw concurrencyLimitError(1);
      }
      account.inFlight++;
      holdsSlot = true;
      const { faults } = account;
      if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
      const now = Date.now();
      if (faults.rateLimitStormUntil > now) {
        account.daily.tryTake(TENTH_CALL, now);
        throw minuteLimitError(seconds(faults.rateLimitStormUntil - now));
      }
      const minute = account.minuteLimiter.tryTake(1, now);
      if (!minute.ok) {
        account.daily.tryTake(TENTH_CALL, now);
        throw minuteLimitError(seconds(minute.retryInMs));
      }
      if (chance(account.random, faults.errorRate)) throw internalServerError(faults.errorStatus);

      const prepared = prepareOperation(schema, body);
      if (!prepared.ok) {
        const daily = account.daily.tryTake(FULL_CALL, now);
        if (!daily.ok) throw dailyLimitError(daily.retryInSeconds);
        return send(200, { errors: prepared.errors });
      }
      if (prepared.complexity > account.limits.maxQueryComplexity) {
        throw maxComplexityError(prepared.complexity, account.limits.maxQueryComplexity);
      }
      budget = this.budgetFor(caller, prepared.isMutation);
      if (faults.complexityStormUntil > now) {
        account.daily.tryTake(TENTH_CALL, now);
        throw complexityBudgetError({
          complexity: prepared.complexity,
          budgetLeft: budget.remaining(now),
          budgetLimit: budget.max,
          retryInSeconds: seconds(faults.complexityStormUntil - now),
        });
      }
      const fits = budget.fits(prepared.complexity, now);
      if (!fits.ok) {
        account.daily.tryTake(TENTH_CALL, now);
        throw complexityBudgetError({
          complexity: prepared.complexity,
          budgetLeft: fits.remaining,
          budgetLimit: budget.max,
          retryInSeconds: seconds(fits.retryInMs),
        });
      }
      const daily = account.daily.tryTake(prepared.complexityOnly ? TENTH_CALL : FULL_CALL, now);
      if (!daily.ok) throw dailyLimitError(daily.retryInSeconds);
      const before = budget.remaining(now);
      budget.tryTake(prepared.complexity, now);
      const result = await executeOperation(schema, prepared, body, {
        caller,
        account,
        now,
        apiVersion: version.version,
        complexity: {
          before,
          query: prepared.complexity,
          after: before - prepared.complexity,
          reset_in_x_seconds: Math.ceil(budget.resetInMs(now) / 1000),
        },
        webhooks: this.webhooks,
      });
      send(result.httpStatus, { data: result.data, ...(result.errors ? { errors: result.errors } : {}) });
    } catch (error) {
      const refusal = error instanceof MondayRequestError ? error : internalServerError(500);
      const entry: MondayErrorEntry = refusal.entry();
      send(refusal.httpStatus, { errors: [entry] }, refusal.headers);
    } finally {
      if (holdsSlot) caller!.account.inFlight--;
    }
  }

  /**
   * Personal tokens share one budget per account (reads and writes together); an app has a read
   * budget and a write budget of its own in each account.
   */
  private budgetFor(caller: MondayCaller, write: boolean): SlidingWindowBudget {
    const { account } = caller;
    if (caller.kind === 'personal') return account.budget('personal', account.limits.complexityPersonal);
    return account.budget(`app:${caller.clientId}:${write ? 'write' : 'read'}`, account.limits.complexityApp);
  }

  /** The state after this request, which still holds its concurrency slot when it had one. */
  private limitHeaders(account: MondayAccount, budget: SlidingWindowBudget): Record<string, string> {
    const now = Date.now();
    const minuteRemaining = account.minuteLimiter.remaining(now);
    const { inFlight } = account;
    return rateLimitHeaders({
      minute: {
        max: account.limits.minuteRate,
        remaining: minuteRemaining,
        ...(minuteRemaining === 0
          ? { resetInSeconds: Math.ceil(account.minuteLimiter.resetInMs(now) / 1000) }
          : {}),
      },
      concurrency: {
        max: account.limits.concurrency,
        remaining: Math.max(0, account.limits.concurrency - inFlight),
      },
      complexity: {
        max: budget.max,
        remaining: budget.remaining(now),
        resetInSeconds: Math.ceil(budget.resetInMs(now) / 1000),
      },
    });
  }
}

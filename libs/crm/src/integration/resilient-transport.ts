import { type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { CrmCallAuth, CrmCallSpec, CrmConnectionInfo, CrmTransport } from '../crm-adapter';
import { CrmError, isCrmError } from '../crm-error';
import type { RateLimitBucket } from '../provider-descriptor';
import type { BreakerRegistry } from '../resilience/circuit-breakers';
import { rateLimitKey, type RedisRateLimiter } from '../resilience/redis-rate-limiter';
import { withRetries } from '../resilience/retry-policy';
import type { ConnectionCredentials } from './connection-credentials';
import type { ConnectionCredentialStore } from './connection-store';
import type { CrmCallLog } from './crm-call-log';
import type { CrmCallMetrics } from './crm-call-metrics';

export interface ResiliencePolicy {
  /** Timeout of one HTTP request (one attempt). */
  callTimeoutMs: number;
  /** Retries after the first attempt for temporary failures and provider 429s. */
  retries: number;
  minRetryDelayMs: number;
  maxRetryDelayMs: number;
  /** Longest a call waits for a rate-limit slot before failing with RATE_LIMITED. */
  maxRateLimitWaitMs: number;
}

export const DEFAULT_RESILIENCE_POLICY: Readonly<ResiliencePolicy> = Object.freeze({
  callTimeoutMs: 15_000,
  retries: 4,
  minRetryDelayMs: 250,
  maxRetryDelayMs: 15_000,
  maxRateLimitWaitMs: 20_000,
});

/** Our limiter gave up waiting: retrying would only wait again, so the caller reschedules instead. */
const LOCAL_BUDGET_EXHAUSTED = 'LOCAL_BUDGET_EXHAUSTED';
const CALL_TIMEOUT = 'CALL_TIMEOUT';

export interface ResilientTransportDeps {
  connection: CrmConnectionInfo;
  credentials: ConnectionCredentials;
  store: ConnectionCredentialStore;
  limiter: RedisRateLimiter;
  breakers: BreakerRegistry;
  buckets: readonly RateLimitBucket[];
  policy: ResiliencePolicy;
  metrics: CrmCallMetrics;
  /** Where each call's final outcome is counted for the provider health API's error rates. */
  callLog?: CrmCallLog;
}

const tracer = trace.getTracer('leadflow.crm');

/**
 * Wraps each HTTP request of an adapter, in this order (outermost first): span and metrics →
 * retries with full-jitter backoff honouring Retry-After → rate-limit slot (shared through Redis) →
 * circuit breaker → credentials (refreshed ahead of expiry, and once after a 401 expired) → timeout.
 * The breaker sits inside the retries so that while it is open each retry fails fast instead of
 * reaching the provider, and the limiter sits outside the breaker so a fail-fast spends no budget.
 */
export class ResilientTransport implements CrmTransport {
  private readonly bucketsByName: ReadonlyMap<string, RateLimitBucket>;
  private readonly sharedBuckets: readonly RateLimitBucket[];
  /** Per call (span): attempts made and milliseconds spent waiting for rate-limit slots. */
  private readonly attemptsBySpan = new WeakMap<Span, number>();
  private readonly waitedBySpan = new WeakMap<Span, number>();

  constructor(private readonly deps: ResilientTransportDeps) {
    this.bucketsByName = new Map(deps.buckets.map((b) => [b.bucket, b]));
    this.sharedBuckets = deps.buckets.filter((b) => b.sharedByAllCalls === true);
  }

  call<T>(spec: CrmCallSpec, request: (auth: CrmCallAuth) => Promise<T>): Promise<T> {
    const { connection, metrics, policy } = this.deps;
    return tracer.startActiveSpan(
      `crm ${connection.provider} ${spec.operation}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'leadflow.crm.provider': connection.provider,
          'leadflow.crm.operation': spec.operation,
          'leadflow.crm.connection_id': connection.id,
          'leadflow.tenant_id': connection.tenantId,
        },
      },
      async (span) => {
        const timer = metrics.callDuration.startTimer({
          provider: connection.provider,
          operation: spec.operation,
        });
        try {
          const result = await withRetries(
            async (attempt) => {
              span.setAttribute('leadflow.crm.attempts', attempt);
              this.attemptsBySpan.set(span, attempt);
              await this.takeSlots(spec, span);
              return this.deps.breakers.run(
                {
                  connectionId: connection.id,
                  family: spec.family,
                  provider: connection.provider,
                  operation: spec.operation,
                },
                () => this.authenticatedAttempt(spec, request),
              );
            },
            {
              retries: policy.retries,
              minDelayMs: policy.minRetryDelayMs,
              maxDelayMs: policy.maxRetryDelayMs,
              shouldRetry: (error) => error.causeCode !== LOCAL_BUDGET_EXHAUSTED,
              onRetry: ({ error, attempt, delayMs }) => {
                const code = isCrmError(error) ? error.code : 'UNKNOWN';
                metrics.retries.inc({ provider: connection.provider, operation: spec.operation, code });
                span.addEvent('retry', { attempt, 'leadflow.crm.error_code': code, delay_ms: delayMs });
              },
            },
          );
          timer({ status: 'ok' });
          this.finishSpan(span, spec, 'ok');
          return result;
        } catch (error) {
          const code = isCrmError(error) ? error.code : 'UNKNOWN';
          timer({ status: code });
          this.finishSpan(span, spec, code);
          span.setAttribute('leadflow.crm.error_code', code);
          // CrmError messages are redacted at construction; anything else is reported by type only.
          span.setStatus({
            code: SpanStatusCode.ERROR,
            message: isCrmError(error) ? error.message : (error as Error).name,
          });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }

  /** The call's outcome on its span and in the call log: status, retries, waits, breaker state. */
  private finishSpan(span: Span, spec: CrmCallSpec, status: string): void {
    const { connection, breakers, callLog } = this.deps;
    const attempts = this.attemptsBySpan.get(span) ?? 1;
    span.setAttributes({
      'leadflow.crm.status': status,
      'leadflow.crm.retries': attempts - 1,
      'leadflow.crm.rate_limit_wait_ms': this.waitedBySpan.get(span) ?? 0,
      'leadflow.crm.breaker_state': breakers.state(connection.id)[spec.family] ?? 'closed',
    });
    void callLog?.record(connection.id, status);
  }

  private async takeSlots(spec: CrmCallSpec, span: Span): Promise<void> {
    const { connection, limiter, metrics, policy } = this.deps;
    const own = this.bucketsByName.get(spec.bucket ?? 'default');
    const buckets = own === undefined ? this.sharedBuckets : [own, ...this.sharedBuckets];
    for (const bucket of buckets) {
      try {
        const grant = await limiter.acquire(rateLimitKey(connection.id, bucket.bucket), bucket, {
          maxWaitMs: policy.maxRateLimitWaitMs,
          provider: connection.provider,
          operation: spec.operation,
        });
        metrics.rateLimitWait.observe(
          { provider: connection.provider, connection_id: connection.id, bucket: bucket.bucket },
          grant.waitedMs / 1000,
        );
        this.waitedBySpan.set(span, (this.waitedBySpan.get(span) ?? 0) + grant.waitedMs);
        if (grant.waitedMs > 0)
          span.addEvent('rate_limit_wait', { bucket: bucket.bucket, ms: grant.waitedMs });
      } catch (error) {
        if (isCrmError(error) && error.code === 'RATE_LIMITED') {
          throw new CrmError({
            code: 'RATE_LIMITED',
            retryAfterMs: error.retryAfterMs ?? policy.maxRateLimitWaitMs,
            policy: bucket.bucket,
            provider: connection.provider,
            operation: spec.operation,
            causeCode: LOCAL_BUDGET_EXHAUSTED,
            providerMessage: `waited ${policy.maxRateLimitWaitMs} ms for the "${bucket.bucket}" budget`,
          });
        }
        throw error;
      }
    }
  }

  private async authenticatedAttempt<T>(
    spec: CrmCallSpec,
    request: (auth: CrmCallAuth) => Promise<T>,
  ): Promise<T> {
    const { credentials } = this.deps;
    const token = await credentials.accessToken();
    try {
      return await this.timed(spec, token, request);
    } catch (error) {
      if (!isCrmError(error)) throw error;
      if (error.policy.refreshCredentials) {
        // Refresh once and repeat; a second rejection is final (HubSpot's guidance on 401s).
        const fresh = await credentials.afterRejection(token);
        return await this.timed(spec, fresh, request).catch(async (second: unknown) => {
          await this.reportRevoked(second);
          throw second;
        });
      }
      await this.reportRevoked(error);
      throw error;
    }
  }

  private async reportRevoked(error: unknown): Promise<void> {
    if (!isCrmError(error) || error.code !== 'AUTH_REVOKED') return;
    await this.deps.store.markNeedsReauth(
      this.deps.connection.id,
      'the CRM rejected the credentials; an admin must reconnect',
      error,
    );
  }

  private timed<T>(
    spec: CrmCallSpec,
    accessToken: string,
    request: (auth: CrmCallAuth) => Promise<T>,
  ): Promise<T> {
    const { connection, policy } = this.deps;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // Not every HTTP client takes the signal (the HubSpot SDK does not), so we also stop waiting.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new CrmError({
          code: 'TEMPORARY',
          provider: connection.provider,
          operation: spec.operation,
          causeCode: CALL_TIMEOUT,
          providerMessage: `no response within ${policy.callTimeoutMs} ms`,
        });
        controller.abort(error);
        reject(error);
      }, policy.callTimeoutMs);
    });
    return Promise.race([request({ accessToken, signal: controller.signal }), timeout]).finally(() =>
      clearTimeout(timer),
    );
  }
}

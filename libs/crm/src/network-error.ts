import { CrmError } from './crm-error';

/** Socket and DNS error codes (Node `net`/`dns`, undici) that mean "the call may succeed if repeated". */
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/** Error names for aborted or timed-out requests (`AbortSignal.timeout`, fetch aborts). */
const TRANSIENT_NAMES = new Set(['TimeoutError', 'AbortError', 'ConnectTimeoutError', 'HeadersTimeoutError']);

const TRANSIENT_MESSAGES = [
  /socket hang up/i,
  /^fetch failed$/i,
  /network (error|timeout)/i,
  /other side closed/i,
];

const MAX_CAUSE_DEPTH = 5;

/**
 * Maps a failure that produced no HTTP response (connection reset, timeout, DNS, `fetch failed`) to a
 * {@link CrmError}: TEMPORARY when it is a transport failure, UNKNOWN otherwise (a programming error
 * must not be retried as if the network were at fault). Follows `cause` chains, as undici wraps the
 * socket error in `TypeError: fetch failed`. Keeps only the error code, never the message or object.
 */
export function crmNetworkError(err: unknown, context: { provider: string; operation: string }): CrmError {
  const transient = findTransientCause(err);
  if (transient !== undefined) {
    return new CrmError({ code: 'TEMPORARY', ...context, causeCode: transient });
  }
  return new CrmError({ code: 'UNKNOWN', ...context, causeCode: errorName(err) });
}

function findTransientCause(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && isObject(current); depth++) {
    const code = typeof current['code'] === 'string' ? current['code'] : undefined;
    if (code !== undefined && TRANSIENT_CODES.has(code)) return code;
    const name = typeof current['name'] === 'string' ? current['name'] : undefined;
    if (name !== undefined && TRANSIENT_NAMES.has(name)) return name;
    const message = typeof current['message'] === 'string' ? current['message'] : '';
    const matched = TRANSIENT_MESSAGES.find((re) => re.test(message));
    if (matched !== undefined && !isObject(current['cause'])) return code ?? message.toLowerCase();
    if (matched !== undefined) {
      // Prefer the socket-level code from the cause when there is one (`fetch failed` → ECONNRESET).
      const deeper = findTransientCause(current['cause']);
      return deeper ?? code ?? message.toLowerCase();
    }
    current = current['cause'];
  }
  return undefined;
}

function errorName(err: unknown): string | undefined {
  if (!isObject(err)) return undefined;
  if (typeof err['code'] === 'string') return err['code'];
  return typeof err['name'] === 'string' ? err['name'] : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}

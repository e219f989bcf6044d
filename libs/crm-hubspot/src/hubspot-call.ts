import { type CrmCallAuth, type CrmCallSpec, CrmError, type CrmTransport, isCrmError } from '@leadflow/crm';
import { networkError, parseHubSpotError } from './errors';

/** What `@hubspot/api-client` throws for an HTTP error (each generated API has its own class). */
interface SdkApiException {
  code: number;
  body: unknown;
  headers?: Record<string, string>;
}

function isSdkApiException(err: unknown): err is SdkApiException {
  return (
    err !== null &&
    typeof err === 'object' &&
    typeof (err as { code?: unknown }).code === 'number' &&
    'body' in err
  );
}

/** The parsed error body of an SDK HTTP error, for callers that need more of it than the CrmError keeps. */
export function sdkErrorBody(err: unknown): unknown {
  if (!isSdkApiException(err)) return undefined;
  if (typeof err.body !== 'string') return err.body;
  try {
    return JSON.parse(err.body) as unknown;
  } catch {
    return undefined;
  }
}

/** Any failure of one HubSpot request as a {@link CrmError}: HTTP errors parsed, the rest as network errors. */
export function hubSpotFailure(err: unknown, operation: string): CrmError {
  if (isCrmError(err)) return err;
  if (isSdkApiException(err)) {
    return parseHubSpotError({
      status: err.code,
      body: err.body,
      operation,
      ...(err.headers === undefined ? {} : { headers: err.headers }),
    });
  }
  return networkError(err, { operation });
}

/**
 * One HubSpot HTTP request through the factory's transport; whatever it throws leaves as a CrmError, so
 * the transport decides retries and the breaker from the code alone.
 */
export function callHubSpot<T>(
  transport: CrmTransport,
  spec: CrmCallSpec,
  request: (auth: CrmCallAuth) => Promise<T>,
): Promise<T> {
  return transport.call(spec, async (auth) => {
    try {
      return await request(auth);
    } catch (err) {
      throw hubSpotFailure(err, spec.operation);
    }
  });
}

/**
 * Settles with `promise` or rejects when `signal` aborts. The SDK takes no AbortSignal, so an aborted
 * call stops being waited for here while its socket finishes in the background.
 */
export function untilAborted<T>(signal: AbortSignal, start: () => Promise<T>): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    start().then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

function abortError(signal: AbortSignal): Error {
  if (signal.reason instanceof Error) return signal.reason;
  const err = new Error('the request was aborted');
  err.name = 'AbortError';
  return err;
}

export interface HubSpotHttpRequest {
  url: string;
  method: 'GET' | 'POST';
  operation: string;
  signal?: AbortSignal;
  /** Bearer token; absent for the token endpoint, which authenticates with the client secret in the body. */
  accessToken?: string;
  body?: { json: unknown } | { form: Record<string, string> };
}

/**
 * A JSON request with global fetch, for endpoints the SDK lacks (account details, private-app token
 * info, the v3 token endpoint). Non-2xx answers are parsed into a CrmError; the URL and body, which may
 * hold a token, never reach the error.
 */
export async function requestHubSpotJson<T>(request: HubSpotHttpRequest): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (request.accessToken !== undefined) headers['authorization'] = `Bearer ${request.accessToken}`;
  let body: string | undefined;
  if (request.body !== undefined && 'json' in request.body) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.body.json);
  } else if (request.body !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(request.body.form).toString();
  }

  let response: Response;
  let text: string;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers,
      ...(body === undefined ? {} : { body }),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    });
    text = await response.text();
  } catch (err) {
    throw networkError(err, { operation: request.operation });
  }
  if (!response.ok) {
    throw parseHubSpotError({
      status: response.status,
      headers: response.headers,
      body: text,
      operation: request.operation,
    });
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new CrmError({
      code: 'UNKNOWN',
      provider: 'hubspot',
      operation: request.operation,
      status: response.status,
      providerMessage: 'the response is not JSON',
    });
  }
}

/** `base` + `path` without a doubled slash (configured base URLs may end in `/`). */
export function hubSpotUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

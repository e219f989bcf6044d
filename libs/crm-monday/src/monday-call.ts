import { trace } from '@opentelemetry/api';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type DocumentNode, print } from 'graphql';
import { type CrmCallAuth, type CrmCallSpec, CrmError, type CrmTransport, isCrmError } from '@leadflow/crm';
import { mondayCredentialKind } from './access-token-claims';
import { MONDAY_API_VERSION } from './api-version';
import { hasMondayErrors, networkError, parseMondayError } from './errors';
import type { ComplexityBudgetFragment } from './generated/graphql';

/** Where and how a client reaches Monday's GraphQL API. */
export interface MondayApi {
  transport: CrmTransport;
  /** `MONDAY_API_URL`, e.g. `https://api.monday.com/v2`. */
  apiUrl: string;
}

const printed = new WeakMap<DocumentNode, string>();

/** The query text of a document, printed once per document (they are module constants). */
function queryText(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

/**
 * One GraphQL request to Monday through the factory's transport: `POST {apiUrl}` with the raw token
 * (Monday takes no "Bearer"), the pinned `API-Version`, and the call's abort signal. A non-2xx answer,
 * or a 200 whose body has `errors` (Monday's application errors), becomes a CrmError; so does a
 * response without `data`. Never retries or sleeps: the transport does.
 */
export function requestMonday<TData, TVariables extends Record<string, unknown>>(
  api: MondayApi,
  spec: CrmCallSpec,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): Promise<TData> {
  return api.transport.call(spec, (auth) =>
    executeMonday(api.apiUrl, spec.operation, auth, document, variables),
  );
}

/** The HTTP exchange of {@link requestMonday}, for callers that also need the attempt's token. */
export async function executeMonday<TData, TVariables extends Record<string, unknown>>(
  apiUrl: string,
  operation: string,
  { accessToken, signal }: CrmCallAuth,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): Promise<TData> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(apiUrl, {
      method: 'POST',
      headers: {
        authorization: accessToken,
        'api-version': MONDAY_API_VERSION,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify({ query: queryText(document), variables }),
      signal,
    });
    text = await response.text();
  } catch (err) {
    throw isCrmError(err) ? err : networkError(err, { operation });
  }

  const body = parseJson(text);
  if (!response.ok || hasMondayErrors(body)) {
    throw parseMondayError({
      status: response.status,
      headers: response.headers,
      body: body ?? text,
      operation,
      credential: mondayCredentialKind(accessToken),
      // Monday's own clock, for a Retry-After date and the daily cap's reset; ours is not read here.
      ...serverTime(response.headers),
    });
  }
  const data = dataOf(body);
  if (data === undefined) {
    throw new CrmError({
      code: 'UNKNOWN',
      provider: 'monday',
      operation,
      status: response.status,
      providerMessage: 'the response has no data',
    });
  }
  recordComplexity(data);
  return data as TData;
}

function serverTime(headers: Headers): { now?: number } {
  const date = Date.parse(headers.get('date') ?? '');
  return Number.isNaN(date) ? {} : { now: date };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function dataOf(body: unknown): Record<string, unknown> | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const data = (body as { data?: unknown }).data;
  return data !== null && typeof data === 'object' && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : undefined;
}

/**
 * Puts Monday's complexity budget (when the operation asked for it) on the call's span, so an
 * operator sees how close a connection runs to the per-minute budget the limiter cannot count
 * (docs/adr/0015). The transport makes the call's span active around this request.
 */
function recordComplexity(data: Record<string, unknown>): void {
  const complexity = data['complexity'] as ComplexityBudgetFragment | null | undefined;
  if (complexity === null || complexity === undefined) return;
  trace.getActiveSpan()?.setAttributes({
    'leadflow.crm.monday.complexity.query': complexity.query,
    'leadflow.crm.monday.complexity.before': complexity.before,
    'leadflow.crm.monday.complexity.after': complexity.after,
    'leadflow.crm.monday.complexity.reset_in_s': complexity.reset_in_x_seconds,
  });
}

/** `base` + `path` without a doubled slash (configured base URLs may end in `/`). */
export function mondayUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

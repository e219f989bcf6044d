import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './openapi';
import { ApiError, toApiError } from './problem';

export { ApiError, type FieldProblem, normalizeProblemPath, toApiError } from './problem';
export type Schemas = components['schemas'];

const KEY_STORAGE = 'leadflow.apiKey';

/** The signed-in API key lives in sessionStorage only (never the URL, never localStorage). */
export const apiKeyStore = {
  get: (): string | null => sessionStorage.getItem(KEY_STORAGE),
  set: (key: string) => sessionStorage.setItem(KEY_STORAGE, key),
  clear: () => sessionStorage.removeItem(KEY_STORAGE),
};

/** Fired when the API stops accepting the signed-in key (revoked, or the tenant gone). */
export const SIGNED_OUT_EVENT = 'leadflow:signed-out';

const auth: Middleware = {
  onRequest({ request }) {
    const key = apiKeyStore.get();
    if (key) request.headers.set('Authorization', `Bearer ${key}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && request.headers.has('Authorization')) {
      apiKeyStore.clear();
      window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
    }
    return response;
  },
};

/** The typed client for the public API (docs/openapi.json), on the console's own origin. */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

/**
 * Unwraps an openapi-fetch result: the data, or an ApiError carrying the problem's detail.
 * `const me = await unwrap(api.GET('/v1/me'))`.
 */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<NonNullable<T>> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (error) {
    throw new ApiError(0, 'The API cannot be reached', error instanceof Error ? error.message : '', []);
  }
  if (!result.response.ok) throw toApiError(result.response.status, result.error);
  return result.data as NonNullable<T>;
}

/**
 * Bodies for creating reps and pools. The API fills in defaults for every field but the names (zod
 * `.default()`), yet the generated OpenAPI input schemas list the defaulted fields as required; these
 * types say what the API accepts, and `asCreateBody` hands them to the typed client.
 */
export type NewRep = Pick<Schemas['CreateRepDto'], 'name'> & Partial<Schemas['CreateRepDto']>;
export type NewPool = Pick<Schemas['CreatePoolDto'], 'name' | 'strategy' | 'members'> &
  Partial<Schemas['CreatePoolDto']>;
export function asCreateBody<T>(body: Partial<T>): T {
  return body as T;
}

/**
 * A nullable string field as the API sends it (`string | null`). The generated document declares some
 * of them (`nextCursor`, `traceId`, a delivery's `reason`) as string arrays: @nestjs/swagger turns a
 * nullable zod string of an output schema into an array type before nestjs-zod's clean-up can see
 * it, so the generated type is wrong for them (noted as a known bug in docs/console.md).
 */
export function nullableString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

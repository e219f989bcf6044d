import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const HUBSPOT_SIGNATURE_V3_HEADER = 'x-hubspot-signature-v3';
export const HUBSPOT_TIMESTAMP_HEADER = 'x-hubspot-request-timestamp';
/** HubSpot: reject requests whose timestamp is older than 5 minutes. */
export const HUBSPOT_SIGNATURE_MAX_AGE_MS = 5 * 60 * 1000;

export interface HubSpotSignatureV3Input {
  /** HTTP method as received (`POST`). */
  method: string;
  /** The full URI HubSpot called: scheme, host, path and query (`https://hooks.example.com/v1/…?x=1`). */
  uri: string;
  /** The raw request body, exactly as received (not re-serialised JSON). */
  body: string;
  /** `X-HubSpot-Request-Timestamp` (epoch ms). */
  timestamp: string | undefined;
  /** `X-HubSpot-Signature-v3`. */
  signature: string | undefined;
  /** The app's client secret. */
  clientSecret: string;
  /** Epoch ms. */
  now: number;
  /** Defaults to {@link HUBSPOT_SIGNATURE_MAX_AGE_MS}; also the tolerated clock skew into the future. */
  maxAgeMs?: number;
}

export type HubSpotSignatureFailure =
  | 'missing_signature'
  | 'missing_timestamp'
  | 'invalid_timestamp'
  | 'stale_timestamp'
  | 'future_timestamp'
  | 'bad_signature';

export type HubSpotSignatureResult = { ok: true } | { ok: false; reason: HubSpotSignatureFailure };

/**
 * HubSpot's percent-encodings that are decoded before signing (HubSpot "Validating requests", v3).
 * Others, such as `%20`, stay encoded; the `?` starting the query is not encoded in the first place.
 */
const DECODED_IN_URI: Readonly<Record<string, string>> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};

/** The URI as HubSpot signs it: only the characters in its table are decoded (case-insensitively). */
export function hubSpotSignatureUri(uri: string): string {
  return uri.replace(/%[0-9A-Fa-f]{2}/g, (escape) => DECODED_IN_URI[escape.toUpperCase()] ?? escape);
}

/** base64(HMAC-SHA256(clientSecret, method + uri + body + timestamp)). */
export function hubSpotSignatureV3(input: {
  method: string;
  uri: string;
  body: string;
  timestamp: string;
  clientSecret: string;
}): string {
  return createHmac('sha256', input.clientSecret)
    .update(
      input.method.toUpperCase() + hubSpotSignatureUri(input.uri) + input.body + input.timestamp,
      'utf8',
    )
    .digest('base64');
}

/**
 * Verifies `X-HubSpot-Signature-v3`. Checks the timestamp first (cheap, and a replayed old request is
 * refused whatever its signature), then compares signatures in constant time. Throws only on a
 * programming error (an empty client secret): a misconfigured receiver must fail loudly, not report
 * every genuine delivery as forged.
 */
export function verifyHubSpotSignatureV3(input: HubSpotSignatureV3Input): HubSpotSignatureResult {
  if (input.clientSecret === '') throw new TypeError('verifyHubSpotSignatureV3: clientSecret is empty');
  const signature = input.signature?.trim();
  if (signature === undefined || signature === '') return { ok: false, reason: 'missing_signature' };
  const timestamp = input.timestamp?.trim();
  if (timestamp === undefined || timestamp === '') return { ok: false, reason: 'missing_timestamp' };
  if (!/^\d{1,16}$/.test(timestamp)) return { ok: false, reason: 'invalid_timestamp' };

  const maxAgeMs = input.maxAgeMs ?? HUBSPOT_SIGNATURE_MAX_AGE_MS;
  const sentAt = Number(timestamp);
  if (input.now - sentAt > maxAgeMs) return { ok: false, reason: 'stale_timestamp' };
  if (sentAt - input.now > maxAgeMs) return { ok: false, reason: 'future_timestamp' };

  const expected = Buffer.from(
    hubSpotSignatureV3({
      method: input.method,
      uri: input.uri,
      body: input.body,
      timestamp,
      clientSecret: input.clientSecret,
    }),
    'utf8',
  );
  const received = Buffer.from(signature, 'utf8');
  // Lengths are public (a SHA-256 base64 digest is always 44 characters); only equal lengths are compared.
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
    return { ok: false, reason: 'bad_signature' };
  }
  return { ok: true };
}

const id = z.number().int().nonnegative();
const epochMs = z.number().int().positive();

/**
 * One webhook event (apis.md, "Webhooks"): classic (`contact.creation`) or generic (`object.creation`
 * with `objectTypeId`). Unknown members are kept, so new HubSpot fields survive into the inbox.
 */
export const hubSpotWebhookEventSchema = z
  .looseObject({
    eventId: id,
    subscriptionId: id,
    portalId: id,
    appId: id,
    occurredAt: epochMs,
    subscriptionType: z.string().regex(/^[a-z_]+\.[A-Za-z_]+$/, 'expected "<object>.<event>"'),
    attemptNumber: z.number().int().nonnegative(),
    objectId: id.optional(),
    objectTypeId: z
      .string()
      .regex(/^\d+-\d+$/, 'expected an object type id like "0-136"')
      .optional(),
    changeFlag: z.string().optional(),
    changeSource: z.string().optional(),
    sourceId: z.string().optional(),
    propertyName: z.string().optional(),
    propertyValue: z.string().optional(),
    // Association changes.
    fromObjectId: id.optional(),
    toObjectId: id.optional(),
    associationType: z.string().optional(),
    associationRemoved: z.boolean().optional(),
    // Merges.
    primaryObjectId: id.optional(),
    mergedObjectIds: z.array(id).optional(),
  })
  .superRefine((event, ctx) => {
    const [object, action] = event.subscriptionType.split('.');
    if (object === 'object' && event.objectTypeId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['objectTypeId'],
        message: 'required for generic object.* events',
      });
    }
    if (action !== 'associationChange' && event.objectId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['objectId'], message: 'required' });
    }
    if (action === 'propertyChange' && event.propertyName === undefined) {
      ctx.addIssue({ code: 'custom', path: ['propertyName'], message: 'required for propertyChange events' });
    }
  });

export type HubSpotWebhookEvent = z.infer<typeof hubSpotWebhookEventSchema>;

const hubSpotWebhookBatchSchema = z.array(hubSpotWebhookEventSchema);

const SUBSCRIPTION_TYPE = /^[a-z_]+\.[A-Za-z_]+$/;
const OBJECT_TYPE_ID = /^\d+-\d+$/;
const OPTIONAL_TEXT = [
  'changeFlag',
  'changeSource',
  'sourceId',
  'propertyName',
  'propertyValue',
  'associationType',
];
const OPTIONAL_IDS = ['objectId', 'fromObjectId', 'toObjectId', 'primaryObjectId'];
const isId = (value: unknown): boolean =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * Whether {@link hubSpotWebhookEventSchema} accepts `value` unchanged, checked without zod: the
 * receiver's hot path validates every event of every delivery, and zod costs several times this.
 * It is never more lenient than the schema (anything it doubts goes to zod, which decides and names
 * the problems); the two are compared over valid and broken events in webhook-parse.spec.ts.
 */
export function isPlainHubSpotWebhookEvent(value: unknown): value is HubSpotWebhookEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const e = value as Record<string, unknown>;
  if (!isId(e['eventId']) || !isId(e['subscriptionId']) || !isId(e['portalId']) || !isId(e['appId'])) {
    return false;
  }
  const occurredAt = e['occurredAt'];
  if (typeof occurredAt !== 'number' || !Number.isSafeInteger(occurredAt) || occurredAt <= 0) return false;
  const subscriptionType = e['subscriptionType'];
  if (typeof subscriptionType !== 'string' || !SUBSCRIPTION_TYPE.test(subscriptionType)) return false;
  if (!isId(e['attemptNumber'])) return false;
  for (const key of OPTIONAL_IDS) if (e[key] !== undefined && !isId(e[key])) return false;
  for (const key of OPTIONAL_TEXT) if (e[key] !== undefined && typeof e[key] !== 'string') return false;
  const objectTypeId = e['objectTypeId'];
  if (
    objectTypeId !== undefined &&
    (typeof objectTypeId !== 'string' || !OBJECT_TYPE_ID.test(objectTypeId))
  ) {
    return false;
  }
  if (e['associationRemoved'] !== undefined && typeof e['associationRemoved'] !== 'boolean') return false;
  const merged = e['mergedObjectIds'];
  if (merged !== undefined && !(Array.isArray(merged) && merged.every(isId))) return false;
  const [object, action] = subscriptionType.split('.');
  if (object === 'object' && objectTypeId === undefined) return false;
  if (action !== 'associationChange' && e['objectId'] === undefined) return false;
  if (action === 'propertyChange' && e['propertyName'] === undefined) return false;
  return true;
}

export interface WebhookPayloadProblem {
  /** Dotted path into the body, e.g. `2.portalId`; `''` for the body itself. */
  path: string;
  message: string;
}

export type HubSpotWebhookParseResult =
  { ok: true; events: HubSpotWebhookEvent[] } | { ok: false; problems: WebhookPayloadProblem[] };

/**
 * Validates a delivery: a JSON array of events. Takes the raw body (string) or already-parsed JSON, and
 * returns every problem with its path rather than the first, so a stored bad delivery says exactly
 * what to fix before it is replayed.
 */
export function parseHubSpotWebhookEvents(body: unknown): HubSpotWebhookParseResult {
  let json: unknown = body;
  if (typeof body === 'string') {
    try {
      json = JSON.parse(body) as unknown;
    } catch {
      return { ok: false, problems: [{ path: '', message: 'body is not valid JSON' }] };
    }
  }
  if (Array.isArray(json) && json.every(isPlainHubSpotWebhookEvent)) return { ok: true, events: json };
  const result = hubSpotWebhookBatchSchema.safeParse(json);
  if (result.success) return { ok: true, events: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  };
}

const CLASSIC_OBJECT_TYPE_IDS: Readonly<Record<string, string>> = {
  contact: '0-1',
  company: '0-2',
  deal: '0-3',
  ticket: '0-5',
};

/** The HubSpot object type id an event is about (`0-136` for leads), or `undefined` if unknown. */
export function hubSpotEventObjectTypeId(event: HubSpotWebhookEvent): string | undefined {
  if (event.objectTypeId !== undefined) return event.objectTypeId;
  const [object] = event.subscriptionType.split('.');
  return object === undefined ? undefined : CLASSIC_OBJECT_TYPE_IDS[object];
}

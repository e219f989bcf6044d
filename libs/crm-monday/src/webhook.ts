import { errors as joseErrors, jwtVerify } from 'jose';
import { z } from 'zod';
import type {
  CrmConnectionInfo,
  CrmWebhookEvent,
  CrmWebhookReceiver,
  InboundWebhook,
  WebhookVerdict,
} from '@leadflow/crm';

/** Claims of the JWT Monday puts in `Authorization` of webhooks created with an app's OAuth token. */
export interface MondayWebhookClaims {
  accountId: string | null;
  userId: string | null;
  /** The webhook URL the token was issued for. */
  aud: string | string[];
  exp: number;
  iat: number | null;
}

export type MondayJwtFailure =
  | 'missing_authorization'
  | 'missing_secret'
  | 'malformed_token'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_audience'
  | 'missing_claim';

export type MondayJwtVerification =
  { ok: true; claims: MondayWebhookClaims } | { ok: false; reason: MondayJwtFailure };

/**
 * Monday's webhook JWTs live minutes; this much clock difference between Monday and us is tolerated
 * on `exp` and `nbf`, so a delivery is not refused for a second of skew.
 */
export const MONDAY_JWT_CLOCK_TOLERANCE_S = 30;

/**
 * Verifies the `Authorization` JWT of a Monday webhook (with or without "Bearer"): HS256 with the
 * app's signing secret, `exp` required and not passed at `now`, and `aud` equal to the URL Monday
 * called. Only HS256 is accepted, so a token cannot pick a weaker algorithm (or `none`). Never throws
 * for a bad token; the reason says what failed, never what the secret or the token is.
 */
export async function verifyMondayWebhookJwt(input: {
  authorization: string | undefined;
  signingSecret: string | undefined;
  /** The webhook URL (`aud`); several when the receiver is reachable under more than one. */
  expectedAudience: string | readonly string[];
  now: Date;
}): Promise<MondayJwtVerification> {
  if (input.signingSecret === undefined || input.signingSecret === '') {
    return { ok: false, reason: 'missing_secret' };
  }
  const token = input.authorization
    ?.trim()
    .replace(/^bearer(\s+|$)/i, '')
    .trim();
  if (token === undefined || token === '') return { ok: false, reason: 'missing_authorization' };
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(input.signingSecret), {
      algorithms: ['HS256'],
      audience:
        typeof input.expectedAudience === 'string' ? input.expectedAudience : [...input.expectedAudience],
      currentDate: input.now,
      clockTolerance: MONDAY_JWT_CLOCK_TOLERANCE_S,
      requiredClaims: ['exp', 'aud'],
    });
    return {
      ok: true,
      claims: {
        accountId: idClaim(payload['accountId']),
        userId: idClaim(payload['userId']),
        aud: payload.aud ?? [],
        exp: payload.exp ?? 0,
        iat: payload.iat ?? null,
      },
    };
  } catch (error) {
    return { ok: false, reason: jwtFailure(error) };
  }
}

function jwtFailure(error: unknown): MondayJwtFailure {
  if (error instanceof joseErrors.JWTExpired) return 'expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'wrong_audience';
    if (error.claim === 'nbf' || error.claim === 'iat') return 'not_yet_valid';
    return error.reason === 'missing' ? 'missing_claim' : 'malformed_token';
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'bad_signature';
  // Wrong algorithm, not a JWS, unreadable header or payload.
  return 'malformed_token';
}

function idClaim(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The challenge Monday sends when a webhook is created; it expects the same JSON back. */
export function mondayChallenge(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const challenge = (body as { challenge?: unknown }).challenge;
  return typeof challenge === 'string' && challenge !== '' ? challenge : undefined;
}

const itemId = z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).transform(String);

/**
 * One event as Monday delivers it (`{"event": {...}}`); unknown members are kept. The item is
 * `pulseId`, except in deletions and archivals, which name it `itemId`.
 */
export const mondayWebhookEventSchema = z
  .looseObject({
    type: z.string().min(1),
    pulseId: itemId.optional(),
    itemId: itemId.optional(),
    boardId: itemId.optional(),
    userId: z.union([z.number(), z.string()]).optional(),
    columnId: z.string().optional(),
    columnType: z.string().optional(),
    triggerUuid: z.string().optional(),
    originalTriggerUuid: z.string().nullable().optional(),
    subscriptionId: z.union([z.number(), z.string()]).optional(),
    triggerTime: z.string().optional(),
    /** Column changes: epoch seconds with a fraction. */
    changedAt: z.number().optional(),
  })
  .superRefine((event, ctx) => {
    if (event.pulseId === undefined && event.itemId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['pulseId'], message: 'names no item (pulseId or itemId)' });
    }
  });

export type MondayWebhookEvent = z.infer<typeof mondayWebhookEventSchema>;

export type MondayWebhookParseResult =
  { ok: true; event: MondayWebhookEvent } | { ok: false; problems: { path: string; message: string }[] };

/** Validates a delivery body (raw text or parsed JSON): `{"event": {...}}` naming an item. */
export function parseMondayWebhookEvent(body: unknown): MondayWebhookParseResult {
  let json: unknown = body;
  if (typeof body === 'string') {
    try {
      json = JSON.parse(body) as unknown;
    } catch {
      return { ok: false, problems: [{ path: '', message: 'body is not valid JSON' }] };
    }
  }
  const result = z.object({ event: mondayWebhookEventSchema }).safeParse(json);
  if (result.success) return { ok: true, event: result.data.event };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  };
}

/** Status columns are `status` in the API and `color` in webhook payloads. */
const STATUS_COLUMN_TYPES = new Set(['color', 'status']);
const DELETED = new Set(['delete_pulse', 'item_deleted', 'archive_pulse', 'item_archived']);

/**
 * A Monday event in Leadflow's terms. `create_pulse` (event `create_item`) is a new item;
 * `update_column_value` of a status column, or `change_status_column_value`, a status change;
 * deletions and archivals are deleted; anything else about an item (other columns, its name, moves)
 * is an update, which intake handles by reading the item again.
 */
export function crmWebhookEvent(event: MondayWebhookEvent, accountId: string | null): CrmWebhookEvent {
  let type: CrmWebhookEvent['type'] = 'updated';
  if (event.type === 'create_pulse') type = 'created';
  else if (DELETED.has(event.type)) type = 'deleted';
  else if (
    event.type === 'change_status_column_value' ||
    (event.type === 'update_column_value' && STATUS_COLUMN_TYPES.has(event.columnType ?? ''))
  ) {
    type = 'status_changed';
  }
  return {
    eventId: event.triggerUuid ?? null,
    type,
    // The schema refuses events naming no item.
    externalId: event.pulseId ?? event.itemId ?? '',
    externalAccountId: accountId,
    occurredAt: occurredAt(event),
  };
}

function occurredAt(event: MondayWebhookEvent): Date | null {
  if (event.triggerTime !== undefined) {
    const ms = Date.parse(event.triggerTime);
    if (!Number.isNaN(ms)) return new Date(ms);
  }
  if (event.changedAt !== undefined && Number.isFinite(event.changedAt)) {
    return new Date(Math.round(event.changedAt * 1000));
  }
  return null;
}

/**
 * Monday's inbound webhooks (docs/adr/0016): a challenge is answered without a signature check (the
 * answer only echoes what was sent and nothing is stored); every other delivery must carry a JWT
 * signed with the app's signing secret for the URL it was sent to, from the connection's account.
 * Webhooks created with personal tokens carry no JWT and are refused: Leadflow creates webhooks only
 * for OAuth connections, and token connections rely on polling.
 */
export const mondayWebhookReceiver: CrmWebhookReceiver = {
  async receive(
    request: InboundWebhook,
    context: { secret: string | undefined; connection: CrmConnectionInfo | null },
  ): Promise<WebhookVerdict> {
    let json: unknown;
    try {
      json = JSON.parse(request.body) as unknown;
    } catch {
      return { kind: 'rejected', status: 400, reason: 'body is not valid JSON' };
    }
    const challenge = mondayChallenge(json);
    if (challenge !== undefined) return { kind: 'challenge', response: { challenge } };

    const verified = await verifyMondayWebhookJwt({
      authorization: request.headers['authorization'],
      signingSecret: context.secret,
      expectedAudience: request.url,
      now: request.receivedAt,
    });
    if (!verified.ok) {
      return { kind: 'rejected', status: 401, reason: `monday webhook JWT: ${verified.reason}` };
    }
    const expectedAccount = context.connection?.externalAccountId;
    const accountId = verified.claims.accountId;
    if (
      expectedAccount !== undefined &&
      expectedAccount !== '' &&
      accountId !== null &&
      accountId !== expectedAccount
    ) {
      return {
        kind: 'rejected',
        status: 401,
        reason: `monday webhook JWT: account ${accountId} is not the connection's account ${expectedAccount}`,
      };
    }
    const parsed = parseMondayWebhookEvent(json);
    if (!parsed.ok) {
      const problems = parsed.problems.map((p) => `${p.path === '' ? 'body' : p.path}: ${p.message}`);
      return { kind: 'rejected', status: 400, reason: `unreadable monday event: ${problems.join('; ')}` };
    }
    return { kind: 'events', events: [crmWebhookEvent(parsed.event, accountId)] };
  },
  eventsOfStored(body, connection) {
    const parsed = parseMondayWebhookEvent(body);
    if (!parsed.ok) {
      return {
        problem: parsed.problems.map((p) => `${p.path === '' ? 'body' : p.path}: ${p.message}`).join('; '),
      };
    }
    return [crmWebhookEvent(parsed.event, connection?.externalAccountId ?? null)];
  },
};

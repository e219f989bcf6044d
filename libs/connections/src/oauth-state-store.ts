import { createHash, randomBytes } from 'node:crypto';
import type { Prisma, PrismaClient } from '@leadflow/database';

export const OAUTH_STATE_TTL_MS = 10 * 60_000;

export type OAuthStateFailure = 'unknown' | 'expired' | 'used' | 'other_tenant' | 'wrong_provider';

const FAILURE_MESSAGES: Record<OAuthStateFailure, string> = {
  unknown: 'the OAuth state is not one we issued',
  expired: 'the OAuth state has expired; start the connection again',
  used: 'the OAuth state was already used; start the connection again',
  other_tenant: 'the OAuth state was issued to another tenant',
  wrong_provider: 'the OAuth state was issued for another provider',
};

export class OAuthStateError extends Error {
  constructor(readonly reason: OAuthStateFailure) {
    super(FAILURE_MESSAGES[reason]);
    this.name = 'OAuthStateError';
  }
}

export interface IssuedOAuthState {
  state: string;
  expiresAt: Date;
}

export interface PendingAuthorization {
  tenantId: string;
  provider: string;
  apiKeyId: string | null;
  /** Connection settings chosen when the flow started, applied when it completes. */
  settings: Record<string, unknown>;
  /** The PKCE verifier issued with the state, for providers that require PKCE. */
  codeVerifier: string | null;
}

/** PKCE (RFC 7636, S256): a random verifier and the challenge sent in the authorize URL. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier, 'ascii').digest('base64url') };
}

function hashState(state: string): string {
  return createHash('sha256').update(state, 'utf8').digest('hex');
}

/**
 * OAuth `state` values (RFC 6749 §10.12): random, single-use, bound to the tenant that started the
 * flow, expiring after 10 minutes. Only their SHA-256 is stored, so reading the table cannot
 * complete someone's flow.
 */
export class OAuthStateStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async issue(input: {
    tenantId: string;
    provider: string;
    apiKeyId: string | null;
    settings: Prisma.InputJsonObject;
    codeVerifier?: string;
  }): Promise<IssuedOAuthState> {
    const state = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.now().getTime() + OAUTH_STATE_TTL_MS);
    await this.prisma.oAuthState.create({
      data: {
        stateHash: hashState(state),
        tenantId: input.tenantId,
        provider: input.provider,
        apiKeyId: input.apiKeyId,
        settings: input.settings,
        codeVerifier: input.codeVerifier ?? null,
        expiresAt,
      },
    });
    return { state, expiresAt };
  }

  /**
   * Marks the state used and returns what it was issued for. `tenantId`, when given (a caller
   * authenticated as a tenant), must be the issuing tenant. Throws {@link OAuthStateError}.
   */
  async consume(
    state: string,
    expect: { provider: string; tenantId?: string },
  ): Promise<PendingAuthorization> {
    const stateHash = hashState(state);
    const now = this.now();
    const row = await this.prisma.oAuthState.findUnique({ where: { stateHash } });
    if (row === null) throw new OAuthStateError('unknown');
    if (row.provider !== expect.provider) throw new OAuthStateError('wrong_provider');
    if (expect.tenantId !== undefined && row.tenantId !== expect.tenantId) {
      throw new OAuthStateError('other_tenant');
    }
    if (row.usedAt !== null) throw new OAuthStateError('used');
    if (row.expiresAt.getTime() <= now.getTime()) throw new OAuthStateError('expired');
    // The conditional update is what makes it single-use when two callbacks race.
    const taken = await this.prisma.oAuthState.updateMany({
      where: { stateHash, usedAt: null },
      data: { usedAt: now },
    });
    if (taken.count === 0) throw new OAuthStateError('used');
    return {
      tenantId: row.tenantId,
      provider: row.provider,
      apiKeyId: row.apiKeyId,
      settings: (row.settings ?? {}) as Record<string, unknown>,
      codeVerifier: row.codeVerifier,
    };
  }

  /** Deletes states that expired more than a day ago (kept a day for support questions). */
  async prune(): Promise<number> {
    const cutoff = new Date(this.now().getTime() - 24 * 3600_000);
    const { count } = await this.prisma.oAuthState.deleteMany({ where: { expiresAt: { lt: cutoff } } });
    return count;
  }
}

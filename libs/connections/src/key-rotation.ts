import { Prisma, type PrismaClient, isUniqueViolation } from '@leadflow/database';
import type { TokenVault } from '@leadflow/security';
import type { ConnectionSecrets } from './connection-secrets';

export interface KeyRotationProgress {
  id: string;
  targetKeyId: string;
  status: 'running' | 'completed' | 'failed';
  total: number;
  rotated: number;
  failed: number;
  lastError: string | null;
  requestedBy: string;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface KeyUsage {
  keyId: string;
  connections: number;
}

export class RotationAlreadyRunningError extends Error {
  constructor(readonly rotationId: string) {
    super(`key rotation ${rotationId} is still running; wait for it to finish`);
    this.name = 'RotationAlreadyRunningError';
  }
}

interface SealedRow {
  id: string;
  tenant_id: string;
  access_token: string;
  refresh_token: string | null;
  credentials_version: number;
}

/**
 * Re-encrypts every stored connection secret with the active key of TOKEN_ENCRYPTION_KEYS, in
 * small transactions, while the system keeps serving: the vault decrypts with any ring key, so
 * readers never notice. Rows are locked `FOR UPDATE SKIP LOCKED` for the moment they are resealed,
 * so a token refresh either lands before (and is resealed) or after (sealed with the active key).
 * Rotation does not change `credentials_version`, which versions the credentials, not their
 * encryption: a refresh that read the row before the rotation still stores its new tokens.
 */
export class EncryptionKeyRotation {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly secrets: ConnectionSecrets,
    private readonly options: { batchSize: number } = { batchSize: 100 },
  ) {}

  /** Records a new rotation to the active key; refuses while one is running. */
  async start(requestedBy: string): Promise<KeyRotationProgress> {
    const target = this.secrets.activeKeyId;
    const total = await this.prisma.crmConnection.count({
      where: { credentialsKeyId: { not: target }, accessToken: { not: null } },
    });
    try {
      const row = await this.prisma.keyRotation.create({
        data: { targetKeyId: target, total, requestedBy },
      });
      return row;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const running = await this.prisma.keyRotation.findFirst({ where: { status: 'running' } });
      throw new RotationAlreadyRunningError(running?.id ?? 'unknown');
    }
  }

  /** Reseals batches until nothing is left on an old key; returns the final progress. */
  async run(
    rotationId: string,
    options: { signal?: AbortSignal; onProgress?: (p: KeyRotationProgress) => void } = {},
  ): Promise<KeyRotationProgress> {
    const skipped = new Set<string>();
    try {
      for (;;) {
        options.signal?.throwIfAborted();
        const batch = await this.rotateBatch(rotationId, skipped);
        const progress = await this.progress(rotationId);
        options.onProgress?.(progress!);
        if (batch === 0) break;
      }
      return await this.finish(rotationId, skipped.size === 0 ? 'completed' : 'failed');
    } catch (error) {
      await this.prisma.keyRotation.update({
        where: { id: rotationId },
        data: { lastError: describe(error) },
      });
      if (options.signal?.aborted) throw error;
      await this.finish(rotationId, 'failed');
      throw error;
    }
  }

  /** One transaction: lock up to `batchSize` rows on old keys, reseal them, record progress. */
  private async rotateBatch(rotationId: string, skipped: Set<string>): Promise<number> {
    const target = this.secrets.activeKeyId;
    return this.prisma.$transaction(async (tx) => {
      const exclude =
        skipped.size === 0
          ? Prisma.empty
          : Prisma.sql`AND id NOT IN (${Prisma.join([...skipped].map((id) => Prisma.sql`${id}::uuid`))})`;
      const rows = await tx.$queryRaw<SealedRow[]>`
        SELECT id, tenant_id, access_token, refresh_token, credentials_version
        FROM crm_connection
        WHERE credentials_key_id <> ${target} AND access_token IS NOT NULL ${exclude}
        ORDER BY id
        LIMIT ${this.options.batchSize}
        FOR UPDATE SKIP LOCKED`;
      let rotated = 0;
      let failed = 0;
      let lastError: string | null = null;
      for (const row of rows) {
        try {
          const sealed = this.secrets.reseal(
            { tenantId: row.tenant_id, connectionId: row.id },
            { accessToken: row.access_token, refreshToken: row.refresh_token },
          );
          await tx.crmConnection.updateMany({
            where: { id: row.id, credentialsVersion: row.credentials_version },
            data: {
              accessToken: sealed.accessToken,
              refreshToken: sealed.refreshToken,
              credentialsKeyId: sealed.credentialsKeyId,
            },
          });
          rotated += 1;
        } catch (error) {
          // A row that cannot be decrypted stays as it is and is reported; the rest still rotate.
          skipped.add(row.id);
          failed += 1;
          lastError = `connection ${row.id}: ${describe(error)}`;
        }
      }
      if (rows.length > 0) {
        await tx.keyRotation.update({
          where: { id: rotationId },
          data: {
            rotated: { increment: rotated },
            failed: { increment: failed },
            ...(lastError === null ? {} : { lastError }),
          },
        });
      }
      return rows.length;
    });
  }

  private async finish(rotationId: string, status: 'completed' | 'failed'): Promise<KeyRotationProgress> {
    return this.prisma.keyRotation.update({
      where: { id: rotationId },
      data: { status, finishedAt: new Date() },
    });
  }

  progress(rotationId: string): Promise<KeyRotationProgress | null> {
    return this.prisma.keyRotation.findUnique({ where: { id: rotationId } });
  }

  latest(limit = 10): Promise<KeyRotationProgress[]> {
    return this.prisma.keyRotation.findMany({ orderBy: { startedAt: 'desc' }, take: limit });
  }

  /** How many connections each key still seals; after a completed rotation only the active key. */
  keyUsage(): Promise<KeyUsage[]> {
    return keyUsage(this.prisma);
  }
}

export async function keyUsage(prisma: PrismaClient): Promise<KeyUsage[]> {
  const rows = await prisma.crmConnection.groupBy({
    by: ['credentialsKeyId'],
    where: { credentialsKeyId: { not: null } },
    _count: { _all: true },
    orderBy: { credentialsKeyId: 'asc' },
  });
  return rows.map((r) => ({ keyId: r.credentialsKeyId!, connections: r._count._all }));
}

/**
 * Start-up check (api and worker): refuses to run with a TOKEN_ENCRYPTION_KEYS ring that lacks a key
 * stored secrets still use, naming the missing ids, instead of failing on the first CRM call.
 */
export async function assertKeyRingCoversStoredSecrets(
  prisma: PrismaClient,
  vault: TokenVault,
): Promise<void> {
  vault.assertRingCovers((await keyUsage(prisma)).map((u) => u.keyId));
}

function describe(error: unknown): string {
  // Vault errors name key ids only; nothing else here carries secrets, but keep it short.
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 500) : 'unknown error';
}

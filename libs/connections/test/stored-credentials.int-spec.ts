import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EncryptionKey } from '@leadflow/config';
import { createPrismaClient, type PrismaClient } from '@leadflow/database';
import { TokenVault } from '@leadflow/security';
import { createTestEnvironment, type TestEnvironment } from '@leadflow/testing';
import {
  AccountConnectedElsewhereError,
  assertKeyRingCoversStoredSecrets,
  ConnectionRepository,
  ConnectionSecrets,
  EncryptionKeyRotation,
  keyUsage,
  PrismaConnectionStore,
  RotationAlreadyRunningError,
} from '../src';

const key = (id: string): EncryptionKey => ({ id, key: randomBytes(32) });

describe('stored CRM credentials', () => {
  let env: TestEnvironment;
  let prisma: PrismaClient;
  const oldKey = key('k2026a');
  const newKey = key('k2026b');
  const oldVault = new TokenVault([oldKey]);
  let tenantA: string;
  let tenantB: string;

  beforeAll(async () => {
    env = await createTestEnvironment();
    prisma = createPrismaClient({ databaseUrl: env.database.url, poolSize: 6 });
    tenantA = (await prisma.tenant.create({ data: { name: 'A', slug: 'vault-a' } })).id;
    tenantB = (await prisma.tenant.create({ data: { name: 'B', slug: 'vault-b' } })).id;
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await env.dispose();
  });

  function repository(vault: TokenVault) {
    return new ConnectionRepository(prisma, new ConnectionSecrets(vault));
  }

  async function connect(tenantId: string, account: string, vault = oldVault) {
    const accessToken = `pat-na1-${randomBytes(12).toString('hex')}`;
    const refreshToken = `rt-${randomBytes(12).toString('hex')}`;
    const { connection } = await repository(vault).saveAuthorized({
      tenantId,
      provider: 'hubspot',
      authType: 'oauth',
      account: { externalAccountId: account, name: null, scopes: ['crm.objects.leads.read'] },
      name: null,
      settings: {},
      tokens: { accessToken, refreshToken, expiresAt: new Date(Date.now() + 1_800_000) },
    });
    return { id: connection.id, accessToken, refreshToken };
  }

  it('round-trips tokens through the vault and never stores them in plain text', async () => {
    const { id, accessToken, refreshToken } = await connect(tenantA, 'rt-1');
    const row = await prisma.crmConnection.findUniqueOrThrow({ where: { id } });
    expect(row.accessToken).not.toContain(accessToken);
    expect(row.refreshToken).not.toContain(refreshToken);
    expect(row.credentialsKeyId).toBe('k2026a');
    const stored = await new PrismaConnectionStore(prisma, new ConnectionSecrets(oldVault)).loadCredentials(
      id,
    );
    expect(stored).toMatchObject({ accessToken, refreshToken, version: 0 });
  });

  it('refuses a flipped bit and a token moved to another row', async () => {
    const store = new PrismaConnectionStore(prisma, new ConnectionSecrets(oldVault));
    const a = await connect(tenantA, 'tamper-a');
    const b = await connect(tenantA, 'tamper-b');
    const rowA = await prisma.crmConnection.findUniqueOrThrow({ where: { id: a.id } });

    // Flip one bit of the ciphertext part of the envelope (v1.<kid>.<iv>.<ciphertext>.<tag>).
    const parts = rowA.accessToken!.split('.');
    const bytes = Buffer.from(parts[3]!, 'base64url');
    bytes[0] = bytes[0]! ^ 0x01;
    parts[3] = bytes.toString('base64url');
    await prisma.crmConnection.update({ where: { id: a.id }, data: { accessToken: parts.join('.') } });
    await expect(store.loadCredentials(a.id)).rejects.toMatchObject({ code: 'authentication_failed' });

    // B's row with A's (intact) envelope: bound to A's id, so it fails on B.
    await prisma.crmConnection.update({ where: { id: b.id }, data: { accessToken: rowA.accessToken } });
    await expect(store.loadCredentials(b.id)).rejects.toMatchObject({ code: 'authentication_failed' });
    await prisma.crmConnection.deleteMany({ where: { id: { in: [a.id, b.id] } } });
  });

  it('keeps one live connection per CRM account across tenants', async () => {
    const first = await connect(tenantA, 'portal-42');
    await expect(connect(tenantB, 'portal-42')).rejects.toBeInstanceOf(AccountConnectedElsewhereError);
    const again = await connect(tenantA, 'portal-42');
    expect(again.id).toBe(first.id);
    const stored = await new PrismaConnectionStore(prisma, new ConnectionSecrets(oldVault)).loadCredentials(
      first.id,
    );
    expect(stored?.accessToken).toBe(again.accessToken);
    expect(stored?.version).toBe(1);
  });

  it('rotation under concurrent reads re-encrypts everything and loses nothing', async () => {
    const created = [];
    for (let i = 0; i < 120; i++) created.push(await connect(i % 2 ? tenantA : tenantB, `rotate-${i}`));
    const ring = new TokenVault([newKey, oldKey]);
    // The old ring alone cannot start once data moves; the new ring covers both keys now.
    await assertKeyRingCoversStoredSecrets(prisma, ring);

    const rotation = new EncryptionKeyRotation(prisma, new ConnectionSecrets(ring), { batchSize: 25 });
    const readers = new PrismaConnectionStore(prisma, new ConnectionSecrets(ring));
    const started = await rotation.start('test');
    await expect(rotation.start('test')).rejects.toBeInstanceOf(RotationAlreadyRunningError);

    let reading = true;
    let reads = 0;
    const reader = (async () => {
      while (reading) {
        for (const c of created.slice(0, 40)) {
          const stored = await readers.loadCredentials(c.id);
          expect(stored?.accessToken).toBe(c.accessToken);
          expect(stored?.refreshToken).toBe(c.refreshToken);
          reads += 1;
        }
      }
    })();
    const progress: number[] = [];
    const result = await rotation.run(started.id, { onProgress: (p) => progress.push(p.rotated) });
    reading = false;
    await reader;

    expect(result).toMatchObject({ status: 'completed', failed: 0 });
    expect(result.rotated).toBe(started.total);
    expect(progress.length).toBeGreaterThan(2);
    expect(reads).toBeGreaterThan(0);
    expect(await keyUsage(prisma)).toEqual([{ keyId: 'k2026b', connections: expect.any(Number) as number }]);
    // Every secret decrypts with the new key alone, unchanged.
    const newOnly = new PrismaConnectionStore(prisma, new ConnectionSecrets(new TokenVault([newKey])));
    for (const c of created) {
      expect(await newOnly.loadCredentials(c.id)).toMatchObject({
        accessToken: c.accessToken,
        refreshToken: c.refreshToken,
      });
    }
    await assertKeyRingCoversStoredSecrets(prisma, new TokenVault([newKey]));
  });

  it('refuses to start with a ring that lacks a key stored secrets use, naming it', async () => {
    await connect(tenantB, 'needs-old-key', oldVault);
    await expect(assertKeyRingCoversStoredSecrets(prisma, new TokenVault([newKey]))).rejects.toThrow(
      /key ids missing from TOKEN_ENCRYPTION_KEYS: "k2026a"/,
    );
  });
});

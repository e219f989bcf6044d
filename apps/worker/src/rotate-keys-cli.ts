import { loadConfigOrExit, parseWorkerConfig } from '@leadflow/config';
import { ConnectionSecrets, EncryptionKeyRotation, RotationAlreadyRunningError } from '@leadflow/connections';
import { createPrismaClient, findMigrationsDir, prepareDatabase } from '@leadflow/database';
import { TokenVault } from '@leadflow/security';

/**
 * `npm run keys:rotate`: re-encrypts every stored secret with the active key of
 * TOKEN_ENCRYPTION_KEYS, in this process, printing progress. Same work as
 * POST /v1/admin/encryption/rotate; for operators without the bootstrap token at hand, or with no
 * worker running. Safe alongside running apps (see docs/runbooks/rotate-encryption-key.md).
 */
async function main(): Promise<number> {
  const config = loadConfigOrExit(parseWorkerConfig);
  await prepareDatabase(config.databaseUrl, findMigrationsDir());
  const prisma = createPrismaClient({
    databaseUrl: config.databaseUrl,
    applicationName: 'leadflow-rotate-keys',
  });
  try {
    const vault = new TokenVault(config.encryptionKeys);
    const rotation = new EncryptionKeyRotation(prisma, new ConnectionSecrets(vault));
    const started = await rotation.start('cli');
    process.stdout.write(
      `rotation ${started.id}: re-encrypting ${started.total} connection(s) with key "${started.targetKeyId}"\n`,
    );
    const result = await rotation.run(started.id, {
      onProgress: (p) => process.stdout.write(`  ${p.rotated + p.failed}/${p.total} (failed: ${p.failed})\n`),
    });
    for (const usage of await rotation.keyUsage()) {
      process.stdout.write(`  key "${usage.keyId}": ${usage.connections} connection(s)\n`);
    }
    process.stdout.write(`rotation ${result.status}: ${result.rotated} rotated, ${result.failed} failed\n`);
    if (result.lastError) process.stdout.write(`last error: ${result.lastError}\n`);
    return result.status === 'completed' ? 0 : 1;
  } catch (error) {
    if (error instanceof RotationAlreadyRunningError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    await prisma.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`key rotation failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

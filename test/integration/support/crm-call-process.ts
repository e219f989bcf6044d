/**
 * One "worker process" for the multi-process refresh test: wired exactly like apps/worker (config
 * from the environment, its own Postgres and Redis connections), it waits for a common start time,
 * lists the connection's owners through the factory, and prints the outcome as one JSON line.
 */
import { Redis } from 'ioredis';
import { parseWorkerConfig, processEnv } from '@leadflow/config';
import { createCrmRuntime } from '@leadflow/connections';
import { createPrismaClient } from '@leadflow/database';
import { TokenVault } from '@leadflow/security';

async function main(): Promise<void> {
  const [connectionId, startAt] = process.argv.slice(2);
  const config = parseWorkerConfig(processEnv());
  const prisma = createPrismaClient({ databaseUrl: config.databaseUrl, poolSize: 2 });
  const redis = new Redis(config.redisUrl);
  const crm = createCrmRuntime({
    prisma,
    redis,
    vault: new TokenVault(config.encryptionKeys),
    config,
    keyPrefix: config.queuePrefix,
    processName: `test-worker:${process.pid}`,
  });
  try {
    const client = await crm.factory.forConnection(connectionId!);
    await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
    const owners = await client.listOwners();
    process.stdout.write(`${JSON.stringify({ ok: true, owners: owners.length })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: String(error) })}\n`);
  } finally {
    crm.close();
    redis.disconnect();
    await prisma.$disconnect();
  }
}

void main();

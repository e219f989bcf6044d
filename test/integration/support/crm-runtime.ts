import { Redis } from 'ioredis';
import { parseWorkerConfig } from '@leadflow/config';
import { createCrmRuntime, type CrmRuntime } from '@leadflow/connections';
import { createPrismaClient, type PrismaClient } from '@leadflow/database';
import { TokenVault } from '@leadflow/security';
import { createTestEnvironment, type TestEnvironment } from '@leadflow/testing';
import type { RunningSandbox } from './sandbox';

/** What a worker has for talking to CRMs, pointed at the sandbox, on a fresh database and Redis prefix. */
export interface SandboxCrm {
  env: TestEnvironment;
  prisma: PrismaClient;
  crm: CrmRuntime;
  dispose(): Promise<void>;
}

export async function sandboxCrm(sandbox: RunningSandbox, processName: string): Promise<SandboxCrm> {
  const env = await createTestEnvironment();
  const prisma = createPrismaClient({ databaseUrl: env.database.url, poolSize: 4 });
  const redis = new Redis(env.redisUrl);
  const config = parseWorkerConfig({
    ...env.env,
    HUBSPOT_API_BASE_URL: sandbox.baseUrl,
    HUBSPOT_AUTH_BASE_URL: sandbox.baseUrl,
    MONDAY_API_URL: `${sandbox.baseUrl}/v2`,
    MONDAY_AUTH_BASE_URL: sandbox.baseUrl,
  });
  const crm = createCrmRuntime({
    prisma,
    redis,
    vault: new TokenVault(config.encryptionKeys),
    config,
    keyPrefix: env.queuePrefix,
    processName,
  });
  return {
    env,
    prisma,
    crm,
    async dispose() {
      crm.close();
      redis.disconnect();
      await prisma.$disconnect();
      await env.dispose();
    },
  };
}

/**
 * A worker's CRM runtime beside a running API harness: its database, Redis prefix and keys, with
 * HubSpot pointed at the sandbox — for tests that drive intake pieces (poller, write-back) directly.
 */
export function crmRuntimeBeside(
  prisma: PrismaClient,
  apiEnv: Record<string, string | undefined>,
  sandbox: RunningSandbox,
  processName: string,
): { crm: CrmRuntime; dispose: () => void } {
  const redis = new Redis(apiEnv.REDIS_URL!);
  const config = parseWorkerConfig({
    ...apiEnv,
    HUBSPOT_API_BASE_URL: sandbox.baseUrl,
    HUBSPOT_AUTH_BASE_URL: sandbox.baseUrl,
  });
  const crm = createCrmRuntime({
    prisma,
    redis,
    vault: new TokenVault(config.encryptionKeys),
    config,
    keyPrefix: apiEnv.QUEUE_PREFIX!,
    processName,
  });
  return {
    crm,
    dispose: () => {
      crm.close();
      redis.disconnect();
    },
  };
}

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { ApiConfig } from '@leadflow/config';
import { type PrismaClient } from '@leadflow/database';
import { apiKeyMatches, parseApiKey } from '@leadflow/security';
import { SYSTEM_DB } from '../database/database.tokens';
import { TenantsService } from '../tenants/tenants.service';

const DEMO_SLUG = 'demo';

interface DemoState {
  tenantId: string;
  adminKey: string;
}

/**
 * Demo mode (`npm start`): make sure a demo tenant with an admin key exists, and print how to use
 * it. The key is kept in the local state directory (mode 0600) so every start can print it;
 * this happens only in demo mode, never in production, where keys are shown once.
 */
export async function ensureDemoTenant(app: INestApplication, config: ApiConfig): Promise<DemoState> {
  const prisma = app.get<PrismaClient>(SYSTEM_DB);
  const stateFile = join(config.stateDir, 'demo.json');
  const saved = await readFile(stateFile, 'utf8')
    .then((text) => JSON.parse(text) as DemoState)
    .catch(() => undefined);
  let state = saved && (await stillValid(prisma, saved)) ? saved : undefined;
  if (!state) {
    const existing = await prisma.tenant.findUnique({ where: { slug: DEMO_SLUG } });
    const slug = existing ? `${DEMO_SLUG}-${Date.now().toString(36)}` : DEMO_SLUG;
    const created = await app
      .get(TenantsService)
      .create({ kind: 'bootstrap_token' }, { name: 'Demo tenant', slug, adminKeyName: 'Demo admin key' });
    state = { tenantId: created.tenant.id, adminKey: created.apiKey.key };
    await mkdir(config.stateDir, { recursive: true });
    await writeFile(stateFile, JSON.stringify(state, null, 2), { mode: 0o600 });
  }
  process.stdout.write(
    [
      '',
      '  Leadflow is running (demo mode).',
      `  Console:     ${config.publicBaseUrl}/   (sign in with the admin key below)`,
      `  API:         ${config.publicBaseUrl}/v1   (OpenAPI: ${config.publicBaseUrl}/docs)`,
      `  Health:      ${config.publicBaseUrl}/health/ready`,
      `  Admin key:   ${state.adminKey}`,
      `  Try:         curl -H "Authorization: Bearer ${state.adminKey}" ${config.publicBaseUrl}/v1/me`,
      '',
    ].join('\n') + '\n',
  );
  return state;
}

async function stillValid(prisma: PrismaClient, state: DemoState): Promise<boolean> {
  const parsed = parseApiKey(state.adminKey);
  if (!parsed) return false;
  const key = await prisma.apiKey.findUnique({ where: { prefix: parsed.prefix } });
  return (
    !!key &&
    !key.revokedAt &&
    key.tenantId === state.tenantId &&
    apiKeyMatches(state.adminKey, key.secretHash)
  );
}

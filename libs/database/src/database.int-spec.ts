import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnvironment, type TestEnvironment } from '@leadflow/testing';
import { applyMigrations, ensureDatabaseExists, MigrationError } from './migrator';
import { findMigrationsDir } from './migrations-dir';
import { createPrismaClient, type PrismaClient } from './prisma-client';
import { MissingTenantScopeError, runInTenantScope } from './tenant-context';
import { createTenantScopedClient, TENANT_SCOPED_MODELS } from './tenant-scoped-client';

/** The data model Prisma generated from schema.prisma, as the client sees it at run time. */
function generatedDataModel(): Record<
  string,
  { dbName: string | null; fields: { name: string; kind: string; dbName?: string }[] }
> {
  const source = readFileSync(resolve(__dirname, '../generated/internal/class.ts'), 'utf8');
  const match = /runtimeDataModel = JSON\.parse\((".*?")\)\n/.exec(source);
  if (!match) throw new Error('runtimeDataModel not found in the generated client');
  return (JSON.parse(JSON.parse(match[1]!) as string) as { models: ReturnType<typeof generatedDataModel> })
    .models;
}

describe('migrations', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment();
  });
  afterAll(() => env.dispose());

  it('match schema.prisma: every model has its table and every field its column', async () => {
    const client = new Client({ connectionString: env.database.url });
    await client.connect();
    try {
      const columns = await client.query<{ table_name: string; column_name: string }>(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'",
      );
      const have = new Set(columns.rows.map((r) => `${r.table_name}.${r.column_name}`));
      const missing: string[] = [];
      for (const [model, { dbName, fields }] of Object.entries(generatedDataModel())) {
        for (const field of fields) {
          if (field.kind !== 'scalar' && field.kind !== 'enum') continue;
          const column = `${dbName ?? model}.${field.dbName ?? field.name}`;
          if (!have.has(column)) missing.push(`${model}.${field.name} → ${column}`);
        }
      }
      expect(missing).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it('are idempotent: a second run applies nothing', async () => {
    const result = await applyMigrations(env.database.url, findMigrationsDir());
    expect(result.applied).toEqual([]);
    expect(result.alreadyApplied).toBeGreaterThan(0);
  });

  it('refuse an applied migration that was edited afterwards', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lf-migrations-'));
    await cp(findMigrationsDir(), dir, { recursive: true });
    const names = (await readdir(dir)).sort();
    const file = join(dir, names[0]!, 'migration.sql');
    await writeFile(file, `${await readFile(file, 'utf8')}\n-- edited\n`);
    await expect(applyMigrations(env.database.url, dir)).rejects.toThrow(MigrationError);
    await expect(applyMigrations(env.database.url, dir)).rejects.toThrow(/was changed after it was applied/);
  });

  it('create the database when it does not exist, and apply a new migration once under concurrency', async () => {
    const url = env.database.url.replace(/\/([^/]+)$/, '/$1_fresh');
    expect(await ensureDatabaseExists(url)).toBe(true);
    expect(await ensureDatabaseExists(url)).toBe(false);
    const dir = await mkdtemp(join(tmpdir(), 'lf-migrations-'));
    await cp(findMigrationsDir(), dir, { recursive: true });
    await mkdir(join(dir, '29991231000000_extra'));
    await writeFile(
      join(dir, '29991231000000_extra', 'migration.sql'),
      'CREATE TABLE extra (id int primary key);',
    );
    const results = await Promise.all([
      applyMigrations(url, dir),
      applyMigrations(url, dir),
      applyMigrations(url, dir),
    ]);
    expect(results.flatMap((r) => r.applied).filter((n) => n === '29991231000000_extra')).toHaveLength(1);
    const client = new Client({ connectionString: url.replace(/\/[^/]+$/, '/postgres') });
    await client.connect();
    await client.query(`DROP DATABASE "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
    await client.end();
  });
  it('create a missing database exactly once when several processes start together', async () => {
    const url = env.database.url.replace(/\/([^/]+)$/, '/$1_race');
    const created = await Promise.all(Array.from({ length: 6 }, () => ensureDatabaseExists(url)));
    expect(created.filter(Boolean)).toHaveLength(1);
    const client = new Client({ connectionString: url.replace(/\/[^/]+$/, '/postgres') });
    await client.connect();
    await client.query(`DROP DATABASE "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
    await client.end();
  });
});

describe('tenant-scoped client', () => {
  let env: TestEnvironment;
  let prisma: PrismaClient;
  beforeAll(async () => {
    env = await createTestEnvironment();
    prisma = createPrismaClient({ databaseUrl: env.database.url, poolSize: 2 });
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await env.dispose();
  });

  it('covers every model that has a tenantId', () => {
    const withTenant = Object.entries(generatedDataModel())
      .filter(([, m]) => m.fields.some((f) => f.name === 'tenantId'))
      .map(([name]) => name)
      .sort();
    expect([...TENANT_SCOPED_MODELS].sort()).toEqual(withTenant);
  });

  it("filters reads and writes by the scope's tenant and refuses to run without one", async () => {
    const [a, b] = await Promise.all([
      prisma.tenant.create({ data: { name: 'A', slug: 'scope-a' } }),
      prisma.tenant.create({ data: { name: 'B', slug: 'scope-b' } }),
    ]);
    const row = (tenantId: string, prefix: string) => ({
      tenantId,
      name: prefix,
      prefix,
      secretHash: 'x',
      role: 'viewer' as const,
    });
    await prisma.apiKey.createMany({ data: [row(a.id, 'aaaaaaaaaa'), row(b.id, 'bbbbbbbbbb')] });
    const scoped = createTenantScopedClient(prisma);
    const keyOfB = await prisma.apiKey.findUniqueOrThrow({ where: { prefix: 'bbbbbbbbbb' } });

    await runInTenantScope(async () => {
      expect((await scoped.apiKey.findMany()).map((k) => k.prefix)).toEqual(['aaaaaaaaaa']);
      expect(await scoped.apiKey.findUnique({ where: { id: keyOfB.id } })).toBeNull();
      expect(await scoped.apiKey.count()).toBe(1);
      // A where that names another tenant is overridden, not obeyed.
      expect(await scoped.apiKey.findMany({ where: { tenantId: b.id } })).toHaveLength(1);
      const updated = await scoped.apiKey.updateMany({ data: { name: 'renamed' } });
      expect(updated.count).toBe(1);
      await expect(
        scoped.apiKey.update({ where: { id: keyOfB.id }, data: { name: 'hijack' } }),
      ).rejects.toMatchObject({ code: 'P2025' });
      const created = await scoped.apiKey.create({ data: { ...row(b.id, 'cccccccccc') } });
      expect(created.tenantId).toBe(a.id);
    }, a.id);

    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: keyOfB.id } })).name).toBe('bbbbbbbbbb');
    await expect(scoped.apiKey.findMany()).rejects.toThrow(MissingTenantScopeError);
    await expect(runInTenantScope(() => scoped.auditLog.findMany())).rejects.toThrow(MissingTenantScopeError);
  });
});

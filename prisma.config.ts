import { defineConfig } from 'prisma/config';

// Migrations are applied by Leadflow's own runner (libs/database, see docs/adr/0002); this file only
// tells the Prisma CLI where the schema and the committed migrations live.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});

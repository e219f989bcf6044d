import { readFile, writeFile } from 'node:fs/promises';
import { NestFactory } from '@nestjs/core';
import { parseApiConfig } from '@leadflow/config';
import { AppModule } from './app.module';
import { buildOpenApiDocument } from './openapi';

/**
 * `npm run openapi` writes docs/openapi.json from the code; `--check` fails when the committed
 * file differs (CI). Runs the module in preview mode: no database or Redis connection is made.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const target = args.find((a) => !a.startsWith('--')) ?? 'docs/openapi.json';
  const config = parseApiConfig({
    TOKEN_ENCRYPTION_KEYS: `openapi:${Buffer.alloc(32).toString('base64')}`,
    LOG_LEVEL: 'silent',
  });
  const app = await NestFactory.create(AppModule.forRoot({ config }), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  const document = `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  await app.close();
  if (check) {
    const committed = await readFile(target, 'utf8').catch(() => '');
    if (committed !== document) {
      process.stderr.write(`${target} is stale: run \`npm run openapi\` and commit the result\n`);
      process.exit(1);
    }
    process.stdout.write(`${target} is up to date\n`);
    return;
  }
  await writeFile(target, document);
  process.stdout.write(`wrote ${target}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`openapi: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

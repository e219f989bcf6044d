import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { SandboxConfig } from '@leadflow/config';
import type { TracingHandle } from '@leadflow/observability';
import { SandboxModule } from './sandbox.module';

export async function runSandbox(config: SandboxConfig, tracing: TracingHandle): Promise<void> {
  const app = await NestFactory.create(SandboxModule.forRoot(config), { bufferLogs: true, rawBody: true });
  app.useLogger(app.get(Logger));
  await app.listen(config.port, '0.0.0.0');
  app.get(Logger).log(`leadflow-sandbox listening on ${config.publicBaseUrl}`);
  const stop = async () => {
    await app.close();
    await tracing.shutdown().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

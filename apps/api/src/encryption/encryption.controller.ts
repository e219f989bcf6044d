import { Controller, Get, HttpCode, Inject, type OnApplicationShutdown, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { ZodResponse } from 'nestjs-zod';
import type { ApiConfig } from '@leadflow/config';
import {
  EncryptionKeyRotation,
  type KeyRotationProgress,
  RotationAlreadyRunningError,
} from '@leadflow/connections';
import { JOBS, jobIdFor } from '@leadflow/jobs';
import { TokenVault } from '@leadflow/security';
import { BootstrapTokenAuth } from '../auth/auth.decorators';
import { CRM_REDIS, TOKEN_VAULT } from '../connections/crm-runtime.provider';
import { API_CONFIG } from '../database/database.tokens';
import { ApiProblem } from '../http/problem';
import { EncryptionStatusDto, KeyRotationDto, RotationIdParamsDto } from './encryption.dto';

function presentRotation(row: KeyRotationProgress) {
  return {
    ...row,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Deployment-wide key management, so it takes the bootstrap token rather than a tenant's key:
 * rotation re-encrypts every tenant's secrets.
 */
@ApiTags('encryption')
@ApiBearerAuth()
@Controller('v1/admin/encryption')
export class EncryptionController implements OnApplicationShutdown {
  private readonly queue: Queue;

  constructor(
    private readonly rotation: EncryptionKeyRotation,
    @Inject(TOKEN_VAULT) private readonly vault: TokenVault,
    @Inject(CRM_REDIS) redis: Redis,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.queue = new Queue(JOBS.rotateEncryptionKey.queue, { connection: redis, prefix: config.queuePrefix });
  }

  @Get()
  @BootstrapTokenAuth()
  @ApiOperation({ summary: 'The key ring (ids only), which keys stored secrets use, and recent rotations' })
  @ZodResponse({ status: 200, type: EncryptionStatusDto })
  async status() {
    const [usage, rotations] = await Promise.all([this.rotation.keyUsage(), this.rotation.latest()]);
    return {
      activeKeyId: this.vault.activeKeyId,
      keyIds: this.vault.keyIds,
      usage,
      rotations: rotations.map(presentRotation),
    };
  }

  @Post('rotate')
  @HttpCode(202)
  @BootstrapTokenAuth()
  @ApiOperation({
    summary: 'Re-encrypt every stored secret with the active key (first in TOKEN_ENCRYPTION_KEYS)',
    description:
      'Runs as a worker job in batches while the system keeps serving; follow it at GET /v1/admin/encryption/rotations/{id}. Remove an old key from the ring only after its usage is 0.',
  })
  @ZodResponse({ status: 202, type: KeyRotationDto })
  @ApiConflictResponse({ description: 'A rotation is already running' })
  async rotate() {
    try {
      const started = await this.rotation.start('api: bootstrap token');
      await this.queue.add(
        JOBS.rotateEncryptionKey.name,
        { rotationId: started.id },
        {
          jobId: jobIdFor('rotateEncryptionKey', started.id),
          attempts: 5,
          backoff: { type: 'exponential', delay: 5_000 },
        },
      );
      return presentRotation(started);
    } catch (error) {
      if (error instanceof RotationAlreadyRunningError) throw ApiProblem.conflict(error.message);
      throw error;
    }
  }

  @Get('rotations/:id')
  @BootstrapTokenAuth()
  @ApiOperation({ summary: 'Progress of one rotation' })
  @ZodResponse({ status: 200, type: KeyRotationDto })
  async get(@Param() params: RotationIdParamsDto) {
    const row = await this.rotation.progress(params.id);
    if (row === null) throw ApiProblem.notFound(`Key rotation ${params.id}`);
    return presentRotation(row);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}

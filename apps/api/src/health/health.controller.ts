import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { ZodResponse, createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { PrismaClient } from '@leadflow/database';
import { checkReadiness, type Probe, redisProbe } from '@leadflow/observability';
import { Public } from '../auth/auth.decorators';
import { REDIS, SYSTEM_DB } from '../database/database.tokens';
import { PROBLEM_TYPE_BASE, PROBLEM_TYPES } from '../http/problem';

class LivenessDto extends createZodDto(z.object({ status: z.literal('ok') })) {}
class ReadinessDto extends createZodDto(
  z.object({
    status: z.enum(['ok', 'unavailable']),
    checks: z.record(z.string(), z.object({ status: z.enum(['up', 'down']), error: z.string().optional() })),
    type: z.string().optional().describe('Present when not ready, with title and detail (problem details)'),
    title: z.string().optional(),
    detail: z.string().optional().describe('Names each failing part'),
  }),
) {}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  private readonly redisReady: Probe;

  constructor(
    @Inject(SYSTEM_DB) private readonly prisma: PrismaClient,
    @Inject(REDIS) redis: Redis,
  ) {
    this.redisReady = redisProbe(redis);
  }

  @Get('live')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The process is up' })
  @ZodResponse({ status: 200, type: LivenessDto })
  live() {
    return { status: 'ok' as const };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Postgres and Redis answer; 503 naming the failing part otherwise' })
  @ZodResponse({ status: 200, type: ReadinessDto })
  async ready(@Res({ passthrough: true }) res: Response) {
    const report = await checkReadiness({
      postgres: () => this.prisma.$queryRaw`SELECT 1`,
      redis: this.redisReady,
    });
    res.setHeader('Cache-Control', 'no-store');
    if (report.status !== 'ok') {
      const down = Object.entries(report.checks).filter(([, c]) => c.status === 'down');
      res.status(503).type('application/problem+json');
      return {
        ...report,
        type: `${PROBLEM_TYPE_BASE}${PROBLEM_TYPES.unavailable}`,
        title: 'Not ready',
        detail: down.map(([name, c]) => `${name} is down: ${c.error ?? 'unknown error'}`).join('; '),
      };
    }
    return report;
  }
}

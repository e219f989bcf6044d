import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Queue } from 'bullmq';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Redis } from 'ioredis';
import type { ApiConfig } from '@leadflow/config';
import type { PrismaClient } from '@leadflow/database';
import { QUEUES } from '@leadflow/jobs';
import { apiKeyMatches, parseApiKey, secretsEqual } from '@leadflow/security';
import { CRM_REDIS } from '../connections/crm-runtime.provider';
import { API_CONFIG, SYSTEM_DB } from '../database/database.tokens';
import { PROBLEM_TYPE_BASE, PROBLEM_TYPES } from '../http/problem';

/** Where operators find Bull Board. */
export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Bull Board over every Leadflow queue, for the deployment's operators: jobs waiting, running,
 * delayed and failed, with retry and clean. Queues are shared by all tenants, so the board shows —
 * and lets its user retry or remove — every tenant's jobs: only the deployment's own admin token
 * (`ADMIN_BOOTSTRAP_TOKEN`) opens it, never a tenant's API key, whatever its role. It is an Express
 * router outside Nest's guard, so it checks the credential itself (`Authorization: Bearer`,
 * `X-API-Key`, or — so a browser can open it — HTTP Basic with the token as the password). Tenant
 * keys get 403 with the reason, everyone else 401 with a Basic challenge; without a bootstrap token
 * configured the board is closed.
 */
@Injectable()
export class QueueBoard implements OnApplicationShutdown {
  private readonly queues: Queue[];
  private readonly adapter = new ExpressAdapter();

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(CRM_REDIS) redis: Redis,
    @Inject(SYSTEM_DB) private readonly prisma: PrismaClient,
  ) {
    this.queues = Object.values(QUEUES).map(
      (name) => new Queue(name, { connection: redis, prefix: config.queuePrefix }),
    );
    this.adapter.setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({
      queues: this.queues.map((q) => new BullMQAdapter(q)),
      serverAdapter: this.adapter,
      options: { uiConfig: { boardTitle: 'Leadflow queues' } },
    });
  }

  /** The authentication check, then Bull Board; mount at {@link QUEUE_BOARD_PATH}. */
  handlers(): RequestHandler[] {
    const router = this.adapter.getRouter() as RequestHandler;
    return [(req, res, next) => void this.authorize(req, res, next), router];
  }

  private async authorize(req: Request, res: Response, next: NextFunction): Promise<void> {
    try {
      const credential = credentialOf(req);
      if (credential === undefined) return deny(res, 401, 'The deployment admin token is required.');
      if (this.config.bootstrapToken && secretsEqual(credential, this.config.bootstrapToken)) return next();
      const parsed = parseApiKey(credential);
      const key = parsed ? await this.prisma.apiKey.findUnique({ where: { prefix: parsed.prefix } }) : null;
      if (!key || key.revokedAt || !apiKeyMatches(credential, key.secretHash)) {
        return deny(res, 401, 'The credential is not valid.');
      }
      return deny(
        res,
        403,
        "The queue board shows every tenant's jobs, so it opens only with the deployment admin token (ADMIN_BOOTSTRAP_TOKEN), not a tenant's API key.",
      );
    } catch (error) {
      next(error);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close()));
  }
}

function credentialOf(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header) {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (bearer) return bearer[1];
    const basic = /^Basic\s+(\S+)\s*$/i.exec(header);
    if (basic) {
      const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
      const password = decoded.slice(decoded.indexOf(':') + 1);
      return password || undefined;
    }
    return undefined;
  }
  const apiKey = req.headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey ? apiKey.trim() : undefined;
}

function deny(res: Response, status: 401 | 403, detail: string): void {
  if (status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="Leadflow queues", charset="UTF-8"');
  res
    .status(status)
    .type('application/problem+json')
    .setHeader('Cache-Control', 'no-store')
    .send(
      JSON.stringify({
        type: `${PROBLEM_TYPE_BASE}${status === 401 ? PROBLEM_TYPES.unauthenticated : PROBLEM_TYPES.forbidden}`,
        title: status === 401 ? 'Unauthenticated' : 'Forbidden',
        status,
        detail,
      }),
    );
}

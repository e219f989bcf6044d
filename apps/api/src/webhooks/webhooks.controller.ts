import { Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { ApiProblem, PROBLEM_TYPES } from '../http/problem';
import { WebhookInboxService } from './webhook-inbox.service';

function headersOf(req: Request): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * CRM webhook receivers. Public by design (the CRM has no API key): authenticity is the provider's
 * signature or JWT, checked by its adapter. Bodies are read raw, as signed.
 */
@ApiExcludeController()
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly inbox: WebhookInboxService) {}

  @Post(':provider/:connectionId')
  @Public()
  @HttpCode(200)
  forConnection(
    @Param('provider') provider: string,
    @Param('connectionId') connectionId: string,
    @Req() req: Request & { rawBody?: Buffer },
    @Res({ passthrough: true }) res: Response,
  ) {
    const id = /^[0-9a-f-]{36}$/i.test(connectionId) ? connectionId : '00000000-0000-0000-0000-000000000000';
    return this.answer(provider, id, req, res);
  }

  @Post(':provider')
  @Public()
  @HttpCode(200)
  forApp(
    @Param('provider') provider: string,
    @Req() req: Request & { rawBody?: Buffer },
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.answer(provider, null, req, res);
  }

  private async answer(
    provider: string,
    connectionId: string | null,
    req: Request & { rawBody?: Buffer },
    res: Response,
  ) {
    const answer = await this.inbox.receive(provider, connectionId, {
      method: req.method,
      path: req.originalUrl,
      headers: headersOf(req),
      body: req.rawBody?.toString('utf8') ?? '',
      receivedAt: new Date(),
    });
    if (answer.status === 200) {
      res.status(200);
      return answer.body;
    }
    const type =
      answer.status === 404
        ? PROBLEM_TYPES.notFound
        : answer.status === 401
          ? PROBLEM_TYPES.unauthenticated
          : PROBLEM_TYPES.validation;
    throw new ApiProblem(answer.status, type, 'Webhook refused', answer.reason);
  }
}

import { Controller, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { MondayGateway } from './monday-gateway';

/** Monday's GraphQL endpoint: point `MONDAY_API_URL` at `<sandbox>/v2`. */
@Controller()
export class MondayApiController {
  constructor(private readonly gateway: MondayGateway) {}

  @Post('v2')
  graphql(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.gateway.handle(req, res);
  }
}

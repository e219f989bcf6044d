import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { HubSpotGateway } from './hubspot-gateway';
import { PORTAL_UTC_OFFSET_MS } from './hubspot-portal';
import { NO_SCOPES } from './scopes';

/** `GET /account-info/v3/details` (and its dated twin): the account a token belongs to. */
@Controller()
export class HubSpotAccountController {
  constructor(private readonly gateway: HubSpotGateway) {}

  @Get(['account-info/v3/details', 'account-info/2026-03/details'])
  details(@Req() req: Request, @Res() res: Response) {
    return this.gateway.handle(req, res, { kind: 'standard', scopes: () => NO_SCOPES }, (c) => ({
      status: 200,
      body: {
        portalId: c.portal.id,
        accountType: 'STANDARD',
        timeZone: 'US/Eastern',
        companyCurrency: 'USD',
        additionalCurrencies: [],
        utcOffset: '-05:00',
        utcOffsetMilliseconds: PORTAL_UTC_OFFSET_MS,
        uiDomain: 'app.hubspot.com',
        dataHostingLocation: 'na1',
      },
    }));
  }
}

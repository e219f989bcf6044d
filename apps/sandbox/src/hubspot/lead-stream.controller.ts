import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { fail, parse, requirePortal } from './control-http';
import { HubSpotSandbox } from './hubspot-sandbox';
import { LeadStreams } from './lead-stream';

const value = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const streamBody = z.object({
  perSecond: z.number().positive().max(1_000),
  count: z.number().int().positive().optional(),
  durationMs: z.number().int().positive().optional(),
  properties: z.record(z.string(), value).default({}),
});

/** Test-only control API: a steady stream of new leads (each with a new primary contact). */
@Controller('_sandbox/hubspot/portals/:portalId/lead-stream')
export class LeadStreamController {
  constructor(
    private readonly sandbox: HubSpotSandbox,
    private readonly streams: LeadStreams,
  ) {}

  @Post()
  start(@Param('portalId') portalId: string, @Body() body: unknown) {
    const portal = requirePortal(this.sandbox, portalId);
    return (
      this.streams.start(portal, parse(streamBody, body)) ??
      fail(409, `portal ${portalId} already has a running lead stream`)
    );
  }

  @Get()
  progress(@Param('portalId') portalId: string) {
    const portal = requirePortal(this.sandbox, portalId);
    return this.streams.progress(portal.id) ?? fail(404, `portal ${portalId} has no lead stream`);
  }

  @Delete()
  stop(@Param('portalId') portalId: string) {
    const portal = requirePortal(this.sandbox, portalId);
    return this.streams.stop(portal.id) ?? fail(404, `portal ${portalId} has no lead stream`);
  }
}

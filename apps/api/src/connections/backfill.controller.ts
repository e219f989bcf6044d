import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { AuthenticatedRequest, Principal } from '../auth/principal';
import { BackfillDto, BackfillListQueryDto, BackfillPageDto, StartBackfillDto } from './backfill.dto';
import { BackfillService } from './backfill.service';
import { ConnectionIdParamsDto } from './connection.dto';

/** Backfill: importing a connection's existing records over a time range (ADR 0019). */
@ApiTags('connections')
@ApiBearerAuth()
@Controller('v1/connections/:id')
export class BackfillController {
  constructor(private readonly backfills: BackfillService) {}

  @Post('backfill')
  @HttpCode(202)
  @RequireRole('operator')
  @ApiOperation({
    summary: 'Start a backfill: import the records the CRM changed in a time range',
    description:
      'Pages through the records the CRM last changed in [from, to) — 100 per page, batch calls, inside the connection’s rate budget, one page at a time beside live intake — and stores them as leads with status `imported`, without routing them, unless `route` is true. Progress is checkpointed after every page, so a restarted worker resumes where it stopped. Records created after the connection was first made that are not stored yet are handed to normal intake. 409 when a backfill of the connection is still queued or running, the connection is not active, or it has no published mapping.',
  })
  @ZodResponse({ status: 202, type: BackfillDto })
  @ApiConflictResponse({
    description: 'A backfill is already active, the connection is not active, or no mapping is published',
  })
  start(
    @Param() params: ConnectionIdParamsDto,
    @Body() body: StartBackfillDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.backfills.start(principal, params.id, body, String(req.id));
  }

  @Get('backfill')
  @ApiOperation({
    summary: 'The latest backfill of a connection, with its progress and counters',
  })
  @ZodResponse({ status: 200, type: BackfillDto })
  latest(@Param() params: ConnectionIdParamsDto) {
    return this.backfills.latest(params.id);
  }

  @Get('backfills')
  @ApiOperation({ summary: 'Every backfill of a connection, newest first' })
  @ZodResponse({ status: 200, type: BackfillPageDto })
  list(@Param() params: ConnectionIdParamsDto, @Query() query: BackfillListQueryDto) {
    return this.backfills.list(params.id, query);
  }

  @Post('backfill/cancel')
  @HttpCode(200)
  @RequireRole('operator')
  @ApiOperation({
    summary: 'Cancel the active backfill',
    description:
      'It stops after the page in flight; what earlier pages imported stays. A new backfill can start at once.',
  })
  @ZodResponse({ status: 200, type: BackfillDto })
  @ApiConflictResponse({ description: 'No backfill of the connection is queued or running' })
  cancel(
    @Param() params: ConnectionIdParamsDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.backfills.cancel(principal, params.id, String(req.id));
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { AuthenticatedRequest, Principal } from '../auth/principal';
import { CreateRepDto, RepDto, RepIdParamsDto, RepListQueryDto, RepPageDto, UpdateRepDto } from './rep.dto';
import { RepsService } from './reps.service';

@ApiTags('reps')
@ApiBearerAuth()
@Controller('v1/reps')
export class RepsController {
  constructor(private readonly reps: RepsService) {}

  @Post()
  @RequireRole('admin')
  @ApiOperation({
    summary: 'Create a rep',
    description:
      'The rep starts with no load (0 open, 0 assigned today). Checked as the router checks it: time zone, working hours, out-of-office windows, caps, and CRM owner ids not shared with another rep.',
  })
  @ZodResponse({ status: 201, type: RepDto })
  create(
    @Body() body: CreateRepDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.reps.create(principal, body, String(req.id));
  }

  @Get()
  @ApiOperation({ summary: "List the tenant's reps with their current load and KPIs, newest first" })
  @ZodResponse({ status: 200, type: RepPageDto })
  list(@Query() query: RepListQueryDto) {
    return this.reps.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One rep with its current load and KPIs' })
  @ZodResponse({ status: 200, type: RepDto })
  get(@Param() params: RepIdParamsDto) {
    return this.reps.get(params.id);
  }

  @Patch(':id')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Change a rep; only the fields given change' })
  @ZodResponse({ status: 200, type: RepDto })
  update(
    @Param() params: RepIdParamsDto,
    @Body() body: UpdateRepDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.reps.update(principal, params.id, body, String(req.id));
  }

  @Delete(':id')
  @RequireRole('admin')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a rep, with its load counters and KPIs',
    description: 'To stop routing to a rep without losing its settings, set active to false instead.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConflictResponse({
    description:
      'The rep is a member or the fallback of a pool, or a rule of the published rule set names it; the problem names them',
  })
  async remove(
    @Param() params: RepIdParamsDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ) {
    await this.reps.remove(principal, params.id, String(req.id));
  }
}

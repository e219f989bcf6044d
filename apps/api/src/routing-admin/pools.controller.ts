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
import {
  CreatePoolDto,
  PoolDto,
  PoolIdParamsDto,
  PoolListQueryDto,
  PoolPageDto,
  PoolWriteResultDto,
  UpdatePoolDto,
} from './pool.dto';
import { PoolsService } from './pools.service';

const VALIDATION =
  'Checked as the router checks it, with the tenant’s other pools and reps: members are this tenant’s reps, listed once, with weights > 0; kpi_weighted pools have kpiWeights; the fallback exists and does not lead back to this pool.';

@ApiTags('pools')
@ApiBearerAuth()
@Controller('v1/pools')
export class PoolsController {
  constructor(private readonly pools: PoolsService) {}

  @Post()
  @RequireRole('admin')
  @ApiOperation({ summary: 'Create a pool', description: VALIDATION })
  @ZodResponse({ status: 201, type: PoolWriteResultDto })
  @ApiConflictResponse({ description: 'Another pool has this name' })
  create(
    @Body() body: CreatePoolDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.pools.create(principal, body, String(req.id));
  }

  @Get()
  @ApiOperation({ summary: "List the tenant's pools, newest first" })
  @ZodResponse({ status: 200, type: PoolPageDto })
  list(@Query() query: PoolListQueryDto) {
    return this.pools.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One pool' })
  @ZodResponse({ status: 200, type: PoolDto })
  get(@Param() params: PoolIdParamsDto) {
    return this.pools.get(params.id);
  }

  @Patch(':id')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Change a pool; only the fields given change', description: VALIDATION })
  @ZodResponse({ status: 200, type: PoolWriteResultDto })
  @ApiConflictResponse({ description: 'Another pool has this name' })
  update(
    @Param() params: PoolIdParamsDto,
    @Body() body: UpdatePoolDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.pools.update(principal, params.id, body, String(req.id));
  }

  @Delete(':id')
  @RequireRole('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a pool, with its members and rotation state' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConflictResponse({
    description:
      'Another pool falls back to it, or a rule of the published rule set routes to it; the problem names them',
  })
  async remove(
    @Param() params: PoolIdParamsDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ) {
    await this.pools.remove(principal, params.id, String(req.id));
  }
}

import { Body, Controller, Get, Param, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { AuthenticatedRequest, Principal } from '../auth/principal';
import { PutRepKpisDto, RepIdParamsDto, RepKpisDto } from './rep.dto';
import { RepsService } from './reps.service';

@ApiTags('reps')
@ApiBearerAuth()
@Controller('v1/reps/:id/kpis')
export class RepKpisController {
  constructor(private readonly reps: RepsService) {}

  @Get()
  @ApiOperation({ summary: "A rep's KPIs (the values kpi_weighted pools score)" })
  @ZodResponse({ status: 200, type: RepKpisDto })
  get(@Param() params: RepIdParamsDto) {
    return this.reps.getKpis(params.id);
  }

  @Put()
  @RequireRole('admin')
  @ApiOperation({
    summary: "Record a rep's KPI values",
    description: 'Each KPI is created or replaced by name; KPIs not in the request keep their values.',
  })
  @ZodResponse({ status: 200, type: RepKpisDto })
  put(
    @Param() params: RepIdParamsDto,
    @Body() body: PutRepKpisDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.reps.putKpis(principal, params.id, body, String(req.id));
  }
}

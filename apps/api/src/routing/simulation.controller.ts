import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { RequireRole } from '../auth/auth.decorators';
import { SimulateDto, SimulationResultDto } from './rule-set.dto';
import { SimulationService } from './simulation.service';

@ApiTags('routing')
@ApiBearerAuth()
@Controller('v1/routing')
export class SimulationController {
  constructor(private readonly simulation: SimulationService) {}

  @Post('simulate')
  @RequireRole('viewer')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Route leads against the draft or a version without changing anything',
    description:
      'Give exactly one of leads or lastN. Uses the current pools, reps and routing state, at the current time. An invalid draft is answered with 400 (paths draft.rules[...]).',
  })
  @ZodResponse({ status: 200, type: SimulationResultDto })
  simulate(@Body() body: SimulateDto) {
    return this.simulation.simulate({
      leads: body.leads,
      lastN: body.lastN,
      ruleSet: body.ruleSet,
    });
  }
}

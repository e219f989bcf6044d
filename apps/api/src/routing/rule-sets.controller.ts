import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { AuthenticatedRequest, Principal } from '../auth/principal';
import {
  DiffParamsDto,
  DraftDto,
  PublishedRuleSetVersionDto,
  RuleSetDiffDto,
  RuleSetVersionDto,
  RuleSetVersionListQueryDto,
  RuleSetVersionPageDto,
  SaveDraftDto,
  VersionParamsDto,
} from './rule-set.dto';
import { RuleSetsService } from './rule-sets.service';

@ApiTags('rule-sets')
@ApiBearerAuth()
@Controller('v1/rule-sets')
export class RuleSetsController {
  constructor(private readonly ruleSets: RuleSetsService) {}

  @Get('draft')
  @ApiOperation({ summary: 'The rule-set draft (an empty rule list when none was saved yet)' })
  @ZodResponse({ status: 200, type: DraftDto })
  getDraft() {
    return this.ruleSets.getDraft();
  }

  @Put('draft')
  @RequireRole('admin')
  @ApiOperation({
    summary: 'Replace the draft',
    description:
      'Checks the shape of every rule (400 naming body.rules[i]...); checks against pools, reps and fields happen on publish.',
  })
  @ZodResponse({ status: 200, type: DraftDto })
  saveDraft(
    @Body() body: SaveDraftDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.ruleSets.saveDraft(principal, body.rules, String(req.id));
  }

  @Post('draft/publish')
  @RequireRole('admin')
  @ApiOperation({
    summary: 'Publish the draft as the next version',
    description:
      'Validates the draft against the current pools and reps; every problem is answered with 400, its path starting with draft.rules[...] (or pools["<id>"] for a pool the rules reach). 409 when another version was published at the same moment: retry.',
  })
  @ZodResponse({ status: 201, type: PublishedRuleSetVersionDto })
  publish(@CurrentPrincipal() principal: Principal, @Req() req: AuthenticatedRequest) {
    return this.ruleSets.publish(principal, String(req.id));
  }

  @Get('versions')
  @ApiOperation({ summary: 'Published versions, newest first (without their rules)' })
  @ZodResponse({ status: 200, type: RuleSetVersionPageDto })
  listVersions(@Query() query: RuleSetVersionListQueryDto) {
    return this.ruleSets.listVersions(query);
  }

  @Get('versions/:v')
  @ApiOperation({ summary: 'One published version with its rules' })
  @ZodResponse({ status: 200, type: RuleSetVersionDto })
  getVersion(@Param() params: VersionParamsDto) {
    return this.ruleSets.getVersion(params.v);
  }

  @Get('versions/:v/diff/:w')
  @ApiOperation({ summary: 'What changed from version v to version w, rule by rule (by rule id)' })
  @ZodResponse({ status: 200, type: RuleSetDiffDto })
  diff(@Param() params: DiffParamsDto) {
    return this.ruleSets.diff(params.v, params.w);
  }

  @Post('versions/:v/rollback')
  @RequireRole('admin')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Republish version v as a new version (restoredFrom: v)',
    description:
      'Re-validates the rules against the current pools and reps (400 with paths version.rules[...] when, say, a pool they use was deleted). The draft is not changed.',
  })
  @ZodResponse({ status: 201, type: PublishedRuleSetVersionDto })
  rollback(
    @Param() params: VersionParamsDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.ruleSets.rollback(principal, params.v, String(req.id));
  }
}

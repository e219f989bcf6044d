import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { AuthenticatedRequest, Principal } from '../auth/principal';
import {
  ConnectionParamsDto,
  MappingDiffParamsDto,
  MappingDraftDto,
  FieldsDto,
  FieldsQueryDto,
  MappingDiffDto,
  MappingObjectQueryDto,
  MappingVersionDto,
  MappingVersionListDto,
  PreviewBodyDto,
  PreviewDto,
  PutDraftDto,
  SuggestionsDto,
  MappingVersionParamsDto,
} from './mapping.dto';
import { MappingWizardService } from './mapping-wizard.service';

@ApiTags('field mapping')
@ApiBearerAuth()
@Controller('v1/connections/:id')
export class MappingWizardController {
  constructor(private readonly wizard: MappingWizardService) {}

  @Get('fields')
  @ApiOperation({
    summary: 'Fields the CRM reports for the routed object and its associated records, with sample values',
    description: 'Cached for an hour; `refresh=true` asks the CRM again.',
  })
  @ZodResponse({ status: 200, type: FieldsDto })
  fields(@Param() params: ConnectionParamsDto, @Query() query: FieldsQueryDto) {
    return this.wizard.fields(params.id, query.object, query.refresh);
  }

  @Get('mapping/suggestions')
  @ApiOperation({ summary: 'A proposed mapping: the provider defaults plus name, label and type similarity' })
  @ZodResponse({ status: 200, type: SuggestionsDto })
  suggestions(@Param() params: ConnectionParamsDto, @Query() query: MappingObjectQueryDto) {
    return this.wizard.suggestions(params.id, query.object);
  }

  @Get('mapping/draft')
  @ApiOperation({
    summary: 'The mapping being edited, with every problem publishing would report',
    description: 'Without saved edits: the active version, or a suggestion when nothing is published yet.',
  })
  @ZodResponse({ status: 200, type: MappingDraftDto })
  draft(@Param() params: ConnectionParamsDto, @Query() query: MappingObjectQueryDto) {
    return this.wizard.draft(params.id, query.object);
  }

  @Put('mapping/draft')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Save the draft (it may still have problems; they are returned)' })
  @ZodResponse({ status: 200, type: MappingDraftDto })
  saveDraft(
    @Param() params: ConnectionParamsDto,
    @Query() query: MappingObjectQueryDto,
    @Body() body: PutDraftDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.wizard.saveDraft(principal, params.id, query.object, body, String(req.id));
  }

  @Post('mapping/preview')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({
    summary: 'Normalize recent records fetched live from the CRM with the draft (or a given mapping)',
    description: 'Changes nothing; each record comes back raw, normalized, and with its per-field errors.',
  })
  @ZodResponse({ status: 200, type: PreviewDto })
  preview(
    @Param() params: ConnectionParamsDto,
    @Query() query: MappingObjectQueryDto,
    @Body() body: PreviewBodyDto,
  ) {
    return this.wizard.preview(params.id, query.object, body);
  }

  @Post('mapping/publish')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Validate the draft and make it the next, active, immutable version' })
  @ZodResponse({ status: 201, type: MappingVersionDto })
  @ApiUnprocessableEntityResponse({
    description: 'The draft has problems; errors[] lists every one with its path',
  })
  publish(
    @Param() params: ConnectionParamsDto,
    @Query() query: MappingObjectQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.wizard.publish(principal, params.id, query.object, String(req.id));
  }

  @Get('mapping/versions')
  @ApiOperation({ summary: 'Published versions, newest (active) first' })
  @ZodResponse({ status: 200, type: MappingVersionListDto })
  versions(@Param() params: ConnectionParamsDto, @Query() query: MappingObjectQueryDto) {
    return this.wizard.versions(params.id, query.object);
  }

  @Get('mapping/versions/:version')
  @ApiOperation({ summary: 'One published version' })
  @ZodResponse({ status: 200, type: MappingVersionDto })
  version(@Param() params: MappingVersionParamsDto, @Query() query: MappingObjectQueryDto) {
    return this.wizard.version(params.id, query.object, params.version);
  }

  @Get('mapping/versions/:version/diff/:other')
  @ApiOperation({ summary: 'What changed from one version to another: fields, custom fields, status parity' })
  @ZodResponse({ status: 200, type: MappingDiffDto })
  diff(@Param() params: MappingDiffParamsDto, @Query() query: MappingObjectQueryDto) {
    return this.wizard.diff(params.id, query.object, params.version, params.other);
  }
}

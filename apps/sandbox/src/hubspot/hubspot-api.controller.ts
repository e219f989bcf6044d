import { Body, Controller, Delete, Get, Inject, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { SandboxConfig } from '@leadflow/config';
import type { ChangeSource } from './crm-change';
import {
  archiveObject,
  batchRead,
  batchReadAssociations,
  batchUpdate,
  createObject,
  getObject,
  listObjects,
  listOwners,
  listProperties,
  objectType,
  patchObject,
  search,
} from './hubspot-crm';
import { HubSpotGateway } from './hubspot-gateway';
import type { Caller } from './hubspot-sandbox';
import { getPipeline, listPipelines } from './pipelines';
import { objectScopes, OWNERS_READ, schemaScopes } from './scopes';

export const SANDBOX_CONFIG = Symbol('SANDBOX_CONFIG');

/** Changes made through the API are an integration's: HubSpot reports the app as the source. */
function apiSource(caller: Caller): ChangeSource {
  return { changeSource: 'INTEGRATION', sourceId: String(caller.appId) };
}

const read = (type: string) => () => objectScopes(objectType(type).name, 'read');
const write = (type: string) => () => objectScopes(objectType(type).name, 'write');
const schema = (type: string) => () => schemaScopes(objectType(type).name);

/** HubSpot CRM v3 (and v4 associations) endpoints, behind the gateway (auth, faults, limits, scopes). */
@Controller()
export class HubSpotApiController {
  constructor(
    private readonly gateway: HubSpotGateway,
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig,
  ) {}

  @Get('crm/v3/owners')
  owners(@Req() req: Request, @Res() res: Response, @Query() query: Record<string, unknown>) {
    return this.gateway.handle(req, res, { kind: 'standard', scopes: () => OWNERS_READ }, (c) =>
      listOwners(c.portal, query, this.config.publicBaseUrl),
    );
  }

  @Get('crm/v3/properties/:objectType')
  properties(@Req() req: Request, @Res() res: Response, @Param('objectType') type: string) {
    return this.gateway.handle(req, res, { kind: 'standard', scopes: schema(type) }, (c) =>
      listProperties(c.portal, type),
    );
  }

  @Get('crm/v3/pipelines/:objectType')
  pipelines(@Req() req: Request, @Res() res: Response, @Param('objectType') type: string) {
    return this.gateway.handle(req, res, { kind: 'standard', scopes: schema(type) }, () =>
      listPipelines(objectType(type)),
    );
  }

  @Get('crm/v3/pipelines/:objectType/:pipelineId')
  pipeline(
    @Req() req: Request,
    @Res() res: Response,
    @Param('objectType') type: string,
    @Param('pipelineId') pipelineId: string,
  ) {
    return this.gateway.handle(req, res, { kind: 'standard', scopes: schema(type) }, () =>
      getPipeline(objectType(type), pipelineId),
    );
  }

  @Post('crm/v3/objects/:objectType/batch/read')
  batchRead(
    @Req() req: Request,
    @Res() res: Response,
    @Param('objectType') type: string,
    @Body() body: unknown,
  ) {
    return this.gateway.handle(req, res, { kind: 'standard', scopes: read(type) }, (c) =>
      batchRead(c.portal, type, body),
    );
  }

  @Post('crm/v3/objects/:objectType/batch/update')
  batchUpdate(
    @Req() req: Request,
    @Res() res: Response,
    @Param('objectType') type: string,
    @Body() body: unknown,
  ) {
    return this.gateway.handle(req, res, { kind: 'standard', scopes: write(type) }, (c) =>
      batchUpdate(c.portal, type, body, apiSource(c)),
    );
  }

  @Post('crm/v3/objects/:objectType/search')
  search(
    @Req() req: Request,
    @Res() res: Response,
    @Param('objectType') type: string,
    @Body() body: unknown,
  ) {
    return this.gateway.handle(req, res, { kind: 'search', scopes: read(type) }, (c) =>
      search(c.portal, type, body),
    );
  }

  @Get('crm/v3/objects/:objectType')
  list(
    @Req() req: Request,
    @Res() res: Response,
    @Param('objectType') type: string,
    @Query() query: Record<string, unknown>,
  ) {
    return this.gateway.handle(req, res, { kind: 'standard', scopes: read(type) }, (c) =>
      listObjects(c.portal, type, query),
    );
  }

  @Get('crm/v3/objects/:objectType/:id')
  get(
    @Req() req: Request,
    @Res() res: Response,
    @Param('objectType') type: string,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ) {
    return this.gateway.handle(req, res, { kind: 'standard', scopes: read(type) }, (c) =>
      getObject(c.portal, type, id, query),
    );
  }

  @Patch('crm/v3/objects/:objectType/:id')
  patch(
    @Req() req: Request,
    @Res() res: Response,
    @Param('objectType') type: string,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @Body() body: unknown,
  ) {
    return this.gateway.handle(req, res, { kind: 'standard', scopes: write(type) }, (c) =>
      patchObject(c.portal, type, id, query, body, apiSource(c)),
    );
  }

  @Delete('crm/v3/objects/:objectType/:id')
  archive(
    @Req() req: Request,
    @Res() res: Response,
    @Param('objectType') type: string,
    @Param('id') id: string,
  ) {
    return this.gateway.handle(req, res, { kind: 'standard', scopes: write(type) }, (c) =>
      archiveObject(c.portal, type, id, apiSource(c)),
    );
  }

  @Post('crm/v3/objects/:objectType')
  create(
    @Req() req: Request,
    @Res() res: Response,
    @Param('objectType') type: string,
    @Body() body: unknown,
  ) {
    return this.gateway.handle(req, res, { kind: 'standard', scopes: write(type) }, (c) =>
      createObject(c.portal, type, body, apiSource(c)),
    );
  }

  @Post('crm/v4/associations/:fromObjectType/:toObjectType/batch/read')
  associations(
    @Req() req: Request,
    @Res() res: Response,
    @Param('fromObjectType') from: string,
    @Param('toObjectType') to: string,
    @Body() body: unknown,
  ) {
    return this.gateway.handle(req, res, { kind: 'standard', scopes: read(from) }, (c) =>
      batchReadAssociations(c.portal, from, to, body),
    );
  }
}

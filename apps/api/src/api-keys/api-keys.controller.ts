import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { AuthenticatedRequest, Principal } from '../auth/principal';
import { ApiKeysService } from './api-keys.service';
import {
  ApiKeyDto,
  ApiKeyIdParamsDto,
  ApiKeyListQueryDto,
  ApiKeyPageDto,
  CreateApiKeyDto,
  CreatedApiKeyDto,
} from './api-key.dto';

@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @RequireRole('admin')
  @ApiOperation({ summary: 'Create an API key; the key itself is returned only in this response' })
  @ZodResponse({ status: 201, type: CreatedApiKeyDto })
  create(
    @Body() body: CreateApiKeyDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.keys.create(principal, body, String(req.id));
  }

  @Get()
  @ApiOperation({ summary: "List the tenant's API keys by prefix (never the secret)" })
  @ZodResponse({ status: 200, type: ApiKeyPageDto })
  list(@Query() query: ApiKeyListQueryDto) {
    return this.keys.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One API key (never the secret)' })
  @ZodResponse({ status: 200, type: ApiKeyDto })
  get(@Param() params: ApiKeyIdParamsDto) {
    return this.keys.get(params.id);
  }

  @Delete(':id')
  @RequireRole('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key; it stops working immediately' })
  @ApiNoContentResponse({ description: 'Revoked (or already revoked)' })
  async revoke(
    @Param() params: ApiKeyIdParamsDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ) {
    await this.keys.revoke(principal, params.id, String(req.id));
  }
}

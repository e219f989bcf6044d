import { Body, Controller, Get, Inject, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import type { TenantScopedClient } from '@leadflow/database';
import { BootstrapTokenAuth, CurrentPrincipal } from '../auth/auth.decorators';
import type { AuthenticatedRequest, Principal } from '../auth/principal';
import { TENANT_DB } from '../database/database.tokens';
import { ApiProblem } from '../http/problem';
import { CreatedTenantDto, CreateTenantDto, WhoAmIDto } from './tenant.dto';
import { TenantsService } from './tenants.service';

@ApiTags('tenants')
@ApiBearerAuth()
@Controller('v1')
export class TenantsController {
  constructor(
    private readonly tenants: TenantsService,
    @Inject(TENANT_DB) private readonly db: TenantScopedClient,
  ) {}

  @Post('tenants')
  @BootstrapTokenAuth()
  @ApiOperation({
    summary: 'Create a tenant and its first admin key (needs ADMIN_BOOTSTRAP_TOKEN as the Bearer token)',
  })
  @ZodResponse({ status: 201, type: CreatedTenantDto })
  create(
    @Body() body: CreateTenantDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.tenants.create(principal, body, String(req.id));
  }

  @Get('me')
  @ApiOperation({ summary: 'The tenant and API key this request is authenticated as' })
  @ZodResponse({ status: 200, type: WhoAmIDto })
  async me(@CurrentPrincipal() principal: Principal) {
    if (principal.kind !== 'api_key') throw ApiProblem.forbidden('Only API keys have an identity.');
    const key = await this.db.apiKey.findUnique({ where: { id: principal.keyId } });
    if (!key) throw ApiProblem.notFound('The API key');
    return {
      tenant: await this.tenants.get(principal.tenantId),
      apiKey: { id: key.id, prefix: key.prefix, name: key.name, role: key.role },
    };
  }
}

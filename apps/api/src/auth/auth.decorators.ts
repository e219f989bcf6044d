import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@leadflow/security';
import type { AuthenticatedRequest, Principal } from './principal';

export const PUBLIC_ROUTE = 'leadflow:public';
export const REQUIRED_ROLE = 'leadflow:required-role';
export const BOOTSTRAP_ROUTE = 'leadflow:bootstrap';

/** Health, webhook receivers and OAuth callbacks: no API key. Everything else needs one. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * The least role a route needs. Without it, reads (GET/HEAD) need `viewer` and every other
 * method needs `admin`, so a new write route is admin-only until someone decides otherwise.
 */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

/** Authenticated by ADMIN_BOOTSTRAP_TOKEN instead of an API key (creating tenants). */
export const BootstrapTokenAuth = () => SetMetadata(BOOTSTRAP_ROUTE, true);

export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without an API key');
  return principal;
});

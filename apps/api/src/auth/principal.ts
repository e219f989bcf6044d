import type { Request } from 'express';
import type { Role } from '@leadflow/security';

/** Who is calling: an API key of one tenant, or the bootstrap token. */
export type Principal =
  | { kind: 'api_key'; keyId: string; prefix: string; tenantId: string; role: Role }
  | { kind: 'bootstrap_token' };

export type AuthenticatedRequest = Request & { principal?: Principal; id?: string | number };

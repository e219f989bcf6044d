import { HttpException } from '@nestjs/common';
import type { z } from 'zod';
import type { HubSpotPortal } from './hubspot-portal';
import type { HubSpotSandbox } from './hubspot-sandbox';

/** Control-API bodies: a 400 `{error, issues}` when the body does not fit the schema. */
export function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    throw new HttpException({ error: 'invalid body', issues: result.error.issues }, 400);
  }
  return result.data;
}

/** Control-API errors are plain `{error}`; they are not HubSpot's and do not pretend to be. */
export function fail(status: number, message: string): never {
  throw new HttpException({ error: message }, status);
}

/** The portal a control path names, or a 404. */
export function requirePortal(sandbox: HubSpotSandbox, raw: string): HubSpotPortal {
  return sandbox.portal(Number(raw)) ?? fail(404, `portal ${raw} not found`);
}

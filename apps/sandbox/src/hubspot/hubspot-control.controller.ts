import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import { fail, parse, requirePortal } from './control-http';
import { SANDBOX_USER_SOURCE } from './crm-change';
import { publicObject } from './hubspot-crm';
import type { Faults, HubSpotPortal } from './hubspot-portal';
import { HubSpotSandbox } from './hubspot-sandbox';
import { OBJECT_TYPES, resolveObjectType, type ObjectTypeInfo } from './hubspot-schema';

const value = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const portalBody = z.object({
  name: z.string().optional(),
  portalId: z.number().int().positive().optional(),
  rateLimits: z
    .object({
      tenSecondly: z.number().int().positive().optional(),
      searchPerSecond: z.number().int().positive().optional(),
      daily: z.number().int().positive().optional(),
    })
    .optional(),
  /** Scopes of the portal's private-app token; all known scopes when unset. */
  privateAppScopes: z.array(z.string()).optional(),
});

const ownersBody = z.object({
  owners: z.array(
    z.object({
      id: z.string().optional(),
      email: z.string(),
      firstName: z.string().optional(),
      lastName: z.string().optional(),
      userId: z.number().int().optional(),
      teams: z
        .array(z.object({ id: z.string(), name: z.string(), primary: z.boolean().optional() }))
        .optional(),
      archived: z.boolean().optional(),
    }),
  ),
});

const propertiesBody = z.object({
  properties: z.array(
    z.object({
      name: z.string(),
      label: z.string().optional(),
      type: z.string().optional(),
      fieldType: z.string().optional(),
      options: z.array(z.union([z.string(), z.object({ label: z.string(), value: z.string() })])).optional(),
    }),
  ),
});

const objectsBody = z.object({
  objects: z.array(
    z.object({
      id: z.string().optional(),
      properties: z.record(z.string(), value).default({}),
      associations: z
        .array(
          z.object({
            toObjectType: z.string(),
            toObjectId: z.string(),
            primary: z.boolean().optional(),
          }),
        )
        .default([]),
    }),
  ),
});

const generateBody = z.object({
  count: z.number().int().positive().max(100_000),
  properties: z.record(z.string(), value).default({}),
  /** `createdate` / `hs_lastmodifieddate` of the first object (epoch ms or ISO); the rest follow by `stepMs`. */
  startAt: z.union([z.number(), z.string()]).optional(),
  stepMs: z.number().int().default(1000),
});

const rate = z.number().min(0).max(1);

const listQuery = z.object({
  /** Comma-separated; `createdate`, `hs_object_id` and the modification date always come back. */
  properties: z.string().optional(),
  /** Object id to start after (ids are listed in numeric order). */
  after: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1_000),
});

const writesQuery = z.object({
  objectType: z.string().optional(),
  property: z.string().optional(),
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(10_000).default(1_000),
});

const faultsBody = z
  .object({
    errorRate: rate.optional(),
    errorStatus: z.number().int().min(500).max(599).optional(),
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    rateLimitStormMs: z.number().int().min(0).optional(),
    webhookDropRate: rate.optional(),
    webhookDuplicateRate: rate.optional(),
    /** A window from now (+ `startsInMs`) in which every CRM call answers 503. */
    outage: z
      .object({ startsInMs: z.number().int().min(0).default(0), durationMs: z.number().int().min(0) })
      .optional(),
    /** Same, as an end time (epoch ms) starting now. */
    outageUntil: z.number().int().min(0).optional(),
    /** Makes every fault rate repeatable; `null` goes back to unpredictable. */
    seed: z.number().int().nullable().optional(),
  })
  .refine((f) => f.outage === undefined || f.outageUntil === undefined, {
    message: 'give outage or outageUntil, not both',
  });

/** Faults are merged: what a body leaves out stays as it was. */
function mergeFaults(current: Faults, input: z.infer<typeof faultsBody>, now: number): Faults {
  const outage = input.outage
    ? {
        outageFrom: now + input.outage.startsInMs,
        outageUntil: now + input.outage.startsInMs + input.outage.durationMs,
      }
    : input.outageUntil !== undefined
      ? { outageFrom: now, outageUntil: input.outageUntil }
      : {};
  return {
    errorRate: input.errorRate ?? current.errorRate,
    errorStatus: input.errorStatus ?? current.errorStatus,
    latencyMs: input.latencyMs ?? current.latencyMs,
    rateLimitStormUntil:
      input.rateLimitStormMs === undefined ? current.rateLimitStormUntil : now + input.rateLimitStormMs,
    webhookDropRate: input.webhookDropRate ?? current.webhookDropRate,
    webhookDuplicateRate: input.webhookDuplicateRate ?? current.webhookDuplicateRate,
    outageFrom: current.outageFrom,
    outageUntil: current.outageUntil,
    ...outage,
    seed: input.seed === undefined ? current.seed : input.seed,
  };
}

/**
 * Test-only control API (`/_sandbox/hubspot/...`): not part of HubSpot's surface. Creates portals,
 * seeds data, reads objects back with every property, and injects faults. (Apps and webhooks:
 * hubspot-apps-control.controller.ts; lead streams: lead-stream.controller.ts.)
 */
@Controller('_sandbox/hubspot')
export class HubSpotControlController {
  constructor(private readonly sandbox: HubSpotSandbox) {}

  @Post('portals')
  createPortal(@Body() body: unknown) {
    const input = parse(portalBody, body);
    try {
      const portal = this.sandbox.createPortal(input);
      return {
        portalId: portal.id,
        name: portal.name,
        privateAppToken: portal.privateAppToken,
        rateLimits: portal.rateLimits,
      };
    } catch (error) {
      return fail(409, error instanceof Error ? error.message : 'conflict');
    }
  }

  @Get('portals/:portalId')
  getPortal(@Param('portalId') portalId: string) {
    const portal = this.portal(portalId);
    return {
      portalId: portal.id,
      name: portal.name,
      privateAppToken: portal.privateAppToken,
      rateLimits: portal.rateLimits,
      faults: portal.faults,
      owners: portal.owners,
      counts: Object.fromEntries(OBJECT_TYPES.map((t) => [t.name, portal.objectsOf(t.name).size])),
    };
  }

  @Post('portals/:portalId/owners')
  addOwners(@Param('portalId') portalId: string, @Body() body: unknown) {
    const portal = this.portal(portalId);
    const input = parse(ownersBody, body);
    try {
      return { owners: input.owners.map((o) => portal.addOwner(o)) };
    } catch (error) {
      return fail(409, error instanceof Error ? error.message : 'conflict');
    }
  }

  @Post('portals/:portalId/properties/:objectType')
  addProperties(
    @Param('portalId') portalId: string,
    @Param('objectType') rawType: string,
    @Body() body: unknown,
  ) {
    const portal = this.portal(portalId);
    const type = this.type(rawType);
    return {
      properties: parse(propertiesBody, body).properties.map((p) =>
        portal.upsertPropertyDefinition(type.name, p),
      ),
    };
  }

  /** Seeds objects with any properties (unknown ones get a text definition) and associations. */
  @Post('portals/:portalId/objects/:objectType')
  seed(@Param('portalId') portalId: string, @Param('objectType') rawType: string, @Body() body: unknown) {
    const portal = this.portal(portalId);
    const type = this.type(rawType);
    const input = parse(objectsBody, body);
    for (const o of input.objects) {
      for (const a of o.associations) {
        const to = this.type(a.toObjectType);
        if (!portal.get(to.name, a.toObjectId)) fail(400, `${to.name} ${a.toObjectId} does not exist`);
      }
    }
    const created = input.objects.map((o) => {
      let object;
      try {
        object = portal.create(type, o.properties, {
          id: o.id,
          defineUnknown: true,
          source: SANDBOX_USER_SOURCE,
        });
      } catch (error) {
        return fail(409, error instanceof Error ? error.message : 'conflict');
      }
      for (const a of o.associations) {
        const to = this.type(a.toObjectType);
        if (!portal.associateDefault(type.name, object.id, to.name, a.toObjectId, a.primary ?? false)) {
          fail(400, `no association type between ${type.name} and ${to.name}`);
        }
      }
      return { id: object.id, properties: object.properties };
    });
    return { objects: created };
  }

  /** Bulk objects for paging and the 10,000-result cap: modification dates step by `stepMs`. */
  @Post('portals/:portalId/objects/:objectType/generate')
  generate(@Param('portalId') portalId: string, @Param('objectType') rawType: string, @Body() body: unknown) {
    const portal = this.portal(portalId);
    const type = this.type(rawType);
    const input = parse(generateBody, body);
    const start =
      input.startAt === undefined
        ? Date.now() - input.count * input.stepMs
        : typeof input.startAt === 'number'
          ? input.startAt
          : Date.parse(input.startAt);
    if (!Number.isFinite(start)) fail(400, 'startAt is not a date');
    const ids: string[] = [];
    for (let i = 0; i < input.count; i++) {
      const at = new Date(start + i * input.stepMs).toISOString();
      const props = { ...input.properties, createdate: at, hs_lastmodifieddate: at };
      ids.push(portal.create(type, props, { defineUnknown: true, source: SANDBOX_USER_SOURCE }).id);
    }
    return { count: ids.length, firstId: ids[0], lastId: ids[ids.length - 1] };
  }

  /**
   * Objects of a type in id order, with the named properties: reads back many records at once
   * (owners after a run) without spending the portal's API budget. Read-only.
   */
  @Get('portals/:portalId/objects/:objectType')
  list(@Param('portalId') portalId: string, @Param('objectType') rawType: string, @Query() query: unknown) {
    const portal = this.portal(portalId);
    const type = this.type(rawType);
    const input = parse(listQuery, query);
    const requested = input.properties
      ?.split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const after = input.after === undefined ? -1 : Number(input.after);
    const page = [...portal.objectsOf(type.name).values()]
      .filter((o) => Number(o.id) > after)
      .sort((a, b) => Number(a.id) - Number(b.id))
      .slice(0, input.limit);
    return {
      total: portal.objectsOf(type.name).size,
      results: page.map((o) => publicObject(o, type, requested ?? [])),
      next: page.length === input.limit ? page[page.length - 1]!.id : null,
    };
  }

  /**
   * Property values written through the CRM API (batch update, PATCH), oldest first, each with
   * its time, whether it changed the value, and who wrote it: when an integration wrote an owner,
   * and whether it wrote it twice. Read-only; pass `next` as `after` to read on.
   */
  @Get('portals/:portalId/writes')
  writes(@Param('portalId') portalId: string, @Query() query: unknown) {
    const portal = this.portal(portalId);
    const input = parse(writesQuery, query);
    const objectType = input.objectType === undefined ? undefined : this.type(input.objectType).name;
    const writes = portal.writesSince(input.after, {
      ...(objectType === undefined ? {} : { objectType }),
      ...(input.property === undefined ? {} : { property: input.property }),
      limit: input.limit,
    });
    return {
      writes,
      next: writes.length === input.limit ? writes[writes.length - 1]!.seq : portal.lastWriteSeq,
    };
  }

  /** Every stored property and association of an object (to check owner write-back). */
  @Get('portals/:portalId/objects/:objectType/:id')
  read(@Param('portalId') portalId: string, @Param('objectType') rawType: string, @Param('id') id: string) {
    const portal = this.portal(portalId);
    const type = this.type(rawType);
    const object = portal.get(type.name, id) ?? fail(404, `${type.name} ${id} not found`);
    const associations = Object.fromEntries(
      OBJECT_TYPES.map((t) => [t.name, portal.associationsOf(type.name, id, t.name)] as const).filter(
        ([, edges]) => edges.length > 0,
      ),
    );
    return { ...publicObject(object, type, Object.keys(object.properties)), associations };
  }

  @Put('portals/:portalId/faults')
  setFaults(@Param('portalId') portalId: string, @Body() body: unknown) {
    const portal = this.portal(portalId);
    const input = parse(faultsBody, body);
    portal.setFaults(mergeFaults(portal.faults, input, Date.now()), { reseed: input.seed !== undefined });
    return { faults: portal.faults };
  }

  @Delete('portals/:portalId/faults')
  @HttpCode(204)
  clearFaults(@Param('portalId') portalId: string) {
    this.portal(portalId).clearFaults();
  }

  @Post('portals/:portalId/expire-access-tokens')
  expireTokens(@Param('portalId') portalId: string) {
    return { expired: this.sandbox.expireAccessTokens(this.portal(portalId).id) };
  }

  private portal(raw: string): HubSpotPortal {
    return requirePortal(this.sandbox, raw);
  }

  private type(raw: string): ObjectTypeInfo {
    return resolveObjectType(raw) ?? fail(400, `unknown object type ${raw}`);
  }
}

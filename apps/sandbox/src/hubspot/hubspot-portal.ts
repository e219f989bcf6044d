import { randomUUID } from 'node:crypto';
import {
  associationType,
  customProperty,
  defaultPropertyDefinitions,
  OBJECT_TYPES,
  type ObjectTypeInfo,
  type ObjectTypeName,
  type PropertyDefinition,
} from './hubspot-schema';
import type { ChangeSource, CrmChange } from './crm-change';
import { DailyLimiter, RollingWindowLimiter } from './rate-limiter';
import { seededRandom, type RandomSource } from './seeded-random';

export interface Owner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
  teams: Array<{ id: string; name: string; primary: boolean }>;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CrmObject {
  id: string;
  type: ObjectTypeName;
  /** Values as HubSpot returns them: strings. */
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export interface AssociationEdge {
  toId: string;
  typeId: number;
  label: string | null;
}

export interface Faults {
  /** Share of CRM requests (0–1) answered with `errorStatus`. */
  errorRate: number;
  errorStatus: number;
  latencyMs: number;
  /** Until this time (epoch ms) every CRM request gets a TEN_SECONDLY_ROLLING 429. */
  rateLimitStormUntil: number;
  /** Share of webhook events (0–1) that are never delivered. */
  webhookDropRate: number;
  /** Share of webhook events (0–1) delivered a second time, in a later batch. */
  webhookDuplicateRate: number;
  /** During [outageFrom, outageUntil) (epoch ms) every CRM request answers 503. */
  outageFrom: number;
  outageUntil: number;
  /** Seed of the random source behind the rates; unset means unpredictable. */
  seed: number | null;
}

export interface RateLimitSettings {
  tenSecondly: number;
  searchPerSecond: number;
  /** Private-app calls per day (HubSpot: 250k–1M by tier). */
  daily: number;
}

/** One property value written through the CRM API (batch update, PATCH), whether or not it changed. */
export interface PropertyWrite {
  /** Increasing per portal; read the log from a `seq` on. */
  seq: number;
  objectType: ObjectTypeName;
  objectId: string;
  property: string;
  /** The stored value after the write (`''` when cleared). */
  value: string;
  changed: boolean;
  /** ISO 8601, the same instant as the object's new modification date. */
  at: string;
  changeSource: string;
  sourceId: string | null;
}

/** Writes kept per portal for the control API; the oldest are forgotten past this. */
export const PROPERTY_WRITE_LOG_MAX = 200_000;

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  tenSecondly: 110,
  searchPerSecond: 5,
  daily: 250_000,
};

function noFaults(): Faults {
  return {
    errorRate: 0,
    errorStatus: 500,
    latencyMs: 0,
    rateLimitStormUntil: 0,
    webhookDropRate: 0,
    webhookDuplicateRate: 0,
    outageFrom: 0,
    outageUntil: 0,
    seed: null,
  };
}

/** The lead pipeline and stage HubSpot gives a lead created without them. */
const LEAD_DEFAULTS = { hs_pipeline: 'lead-pipeline-id', hs_pipeline_stage: 'new-stage-id' };

/** Sandbox portals keep US/Eastern standard time (no daylight saving): account info and the daily limit agree. */
export const PORTAL_UTC_OFFSET_MS = -5 * 3_600_000;

/** Datetime values in, ISO 8601 out (epoch milliseconds and ISO strings accepted). */
export function toIsoDate(value: string | number): string | undefined {
  const ms = typeof value === 'number' || /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** One HubSpot account ("portal", "hub"): owners, CRM objects, associations, limits and faults. */
export class HubSpotPortal {
  readonly owners: Owner[] = [];
  private readonly objects = new Map<ObjectTypeName, Map<string, CrmObject>>();
  private readonly properties = new Map<ObjectTypeName, PropertyDefinition[]>();
  /** key `${fromType}:${fromId}:${toType}` → edges. */
  private readonly associations = new Map<string, AssociationEdge[]>();
  private nextObjectId = 1001;
  private nextOwnerId = 70_000_001;
  /**
   * Every value written by `update`, so tests can tell when an integration wrote a property and
   * whether it wrote it more than once — HubSpot's modification date only shows the last change.
   */
  private readonly writeLog: PropertyWrite[] = [];
  private nextWriteSeq = 1;
  private faultState: Faults = noFaults();
  /** Decides every fault rate; reseeded whenever faults name a seed. */
  random: RandomSource = Math.random;
  readonly limiter: RollingWindowLimiter;
  readonly searchLimiter: RollingWindowLimiter;
  readonly dailyLimiter: DailyLimiter;
  /** Set by the sandbox: every create, update and delete is reported here (webhooks). */
  onChange: (change: CrmChange) => void = () => undefined;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly privateAppToken: string,
    readonly rateLimits: RateLimitSettings,
  ) {
    for (const t of OBJECT_TYPES) {
      this.objects.set(t.name, new Map());
      this.properties.set(t.name, defaultPropertyDefinitions(t.name));
    }
    this.limiter = new RollingWindowLimiter(rateLimits.tenSecondly, 10_000);
    this.searchLimiter = new RollingWindowLimiter(rateLimits.searchPerSecond, 1_000);
    this.dailyLimiter = new DailyLimiter(rateLimits.daily, PORTAL_UTC_OFFSET_MS);
  }

  get faults(): Faults {
    return this.faultState;
  }

  /** Replaces the faults; the random source restarts only when a seed is (re)given, so a run repeats. */
  setFaults(next: Faults, opts: { reseed: boolean }): void {
    this.faultState = next;
    if (opts.reseed) this.random = next.seed === null ? Math.random : seededRandom(next.seed);
  }

  clearFaults(): void {
    this.setFaults(noFaults(), { reseed: true });
  }

  /** True while a configured outage window covers `now`. */
  inOutage(now: number): boolean {
    return this.faultState.outageFrom <= now && now < this.faultState.outageUntil;
  }

  addOwner(input: {
    id?: string;
    email: string;
    firstName?: string;
    lastName?: string;
    userId?: number;
    teams?: Array<{ id: string; name: string; primary?: boolean }>;
    archived?: boolean;
  }): Owner {
    const id = input.id ?? String(this.nextOwnerId++);
    if (this.owners.some((o) => o.id === id)) throw new Error(`owner ${id} already exists`);
    const now = new Date().toISOString();
    const owner: Owner = {
      id,
      email: input.email,
      firstName: input.firstName ?? '',
      lastName: input.lastName ?? '',
      userId: input.userId ?? 1_000_000 + this.owners.length + 1,
      teams: (input.teams ?? []).map((t) => ({ id: t.id, name: t.name, primary: t.primary ?? false })),
      archived: input.archived ?? false,
      createdAt: now,
      updatedAt: now,
    };
    this.owners.push(owner);
    return owner;
  }

  /** Definitions for a type; `hubspot_owner_id` lists the portal's owners as options, as HubSpot does. */
  propertyDefinitions(type: ObjectTypeName): PropertyDefinition[] {
    return (this.properties.get(type) ?? []).map((p) =>
      p.name === 'hubspot_owner_id'
        ? {
            ...p,
            options: this.owners
              .filter((o) => !o.archived)
              .map((o, i) => ({
                label: `${o.firstName} ${o.lastName}`.trim() || o.email,
                value: o.id,
                displayOrder: i,
                hidden: false,
              })),
          }
        : p,
    );
  }

  propertyDefinition(type: ObjectTypeName, name: string): PropertyDefinition | undefined {
    return this.propertyDefinitions(type).find((p) => p.name === name);
  }

  upsertPropertyDefinition(
    type: ObjectTypeName,
    input: Parameters<typeof customProperty>[0],
  ): PropertyDefinition {
    const list = this.properties.get(type)!;
    const next = customProperty(input);
    const at = list.findIndex((p) => p.name === input.name);
    if (at >= 0) list[at] = next;
    else list.push(next);
    return next;
  }

  objectsOf(type: ObjectTypeName): Map<string, CrmObject> {
    return this.objects.get(type)!;
  }

  get(type: ObjectTypeName, id: string): CrmObject | undefined {
    return this.objectsOf(type).get(id);
  }

  /**
   * Creates an object. `createdate`/`hs_lastmodifieddate` may be given (seeding history);
   * unknown properties get a free-text definition when `defineUnknown` is set (seeding only).
   */
  create(
    type: ObjectTypeInfo,
    properties: Record<string, string | number | boolean | null>,
    opts: { id?: string; defineUnknown?: boolean; now?: number; source: ChangeSource },
  ): CrmObject {
    const id = opts.id ?? String(this.nextObjectId++);
    if (opts.id && /^\d+$/.test(opts.id))
      this.nextObjectId = Math.max(this.nextObjectId, Number(opts.id) + 1);
    if (this.objectsOf(type.name).has(id)) throw new Error(`${type.name} ${id} already exists`);
    const nowMs = opts.now ?? Date.now();
    const now = new Date(nowMs).toISOString();
    const props: Record<string, string> = {};
    const given = type.name === 'leads' ? { ...LEAD_DEFAULTS, ...properties } : properties;
    for (const [k, v] of Object.entries(given)) {
      if (v === null || v === undefined) continue;
      if (opts.defineUnknown && !this.propertyDefinition(type.name, k)) {
        this.upsertPropertyDefinition(type.name, { name: k });
      }
      props[k] = this.normalise(type.name, k, v);
    }
    const createdAt = props.createdate ?? now;
    const updatedAt = props.hs_lastmodifieddate ?? props.lastmodifieddate ?? createdAt;
    props.createdate = createdAt;
    props.hs_lastmodifieddate = updatedAt;
    if (type.name === 'contacts') props.lastmodifieddate = updatedAt;
    props.hs_object_id = id;
    const object: CrmObject = { id, type: type.name, properties: props, createdAt, updatedAt };
    this.objectsOf(type.name).set(id, object);
    this.onChange({
      kind: 'creation',
      type: type.name,
      objectId: id,
      occurredAt: nowMs,
      source: opts.source,
    });
    return object;
  }

  /** Applies property values, bumps the modification date and reports each value that changed. */
  update(
    object: CrmObject,
    properties: Record<string, string | number | boolean | null>,
    source: ChangeSource,
    now = Date.now(),
  ): void {
    const changed: Array<[string, string]> = [];
    for (const [k, v] of Object.entries(properties)) {
      const before = object.properties[k];
      if (v === null || v === '') delete object.properties[k];
      else object.properties[k] = this.normalise(object.type, k, v);
      const after = object.properties[k];
      if (after !== before) changed.push([k, after ?? '']);
    }
    const iso = new Date(now).toISOString();
    for (const k of Object.keys(properties)) {
      this.writeLog.push({
        seq: this.nextWriteSeq++,
        objectType: object.type,
        objectId: object.id,
        property: k,
        value: object.properties[k] ?? '',
        changed: changed.some(([name]) => name === k),
        at: iso,
        changeSource: source.changeSource,
        sourceId: source.sourceId ?? null,
      });
    }
    // Trimmed in chunks so a long run does not pay for a shift on every write.
    if (this.writeLog.length > PROPERTY_WRITE_LOG_MAX * 1.1) {
      this.writeLog.splice(0, this.writeLog.length - PROPERTY_WRITE_LOG_MAX);
    }
    object.updatedAt = iso;
    object.properties.hs_lastmodifieddate = iso;
    if (object.type === 'contacts') object.properties.lastmodifieddate = iso;
    for (const [propertyName, propertyValue] of changed) {
      this.onChange({
        kind: 'propertyChange',
        type: object.type,
        objectId: object.id,
        occurredAt: now,
        source,
        propertyName,
        propertyValue,
      });
    }
  }

  /** Logged writes with `seq` greater than `after`, oldest first, optionally of one type and property. */
  writesSince(
    after: number,
    filter: { objectType?: ObjectTypeName; property?: string; limit: number },
  ): PropertyWrite[] {
    const out: PropertyWrite[] = [];
    // seq increases along the log, so the start is found by binary search.
    let lo = 0;
    let hi = this.writeLog.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.writeLog[mid]!.seq <= after) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.writeLog.length && out.length < filter.limit; i++) {
      const w = this.writeLog[i]!;
      if (filter.objectType !== undefined && w.objectType !== filter.objectType) continue;
      if (filter.property !== undefined && w.property !== filter.property) continue;
      out.push(w);
    }
    return out;
  }

  /** The newest `seq` handed out (0 before any write). */
  get lastWriteSeq(): number {
    return this.nextWriteSeq - 1;
  }

  /** Archives an object and its associations; false when it does not exist. */
  remove(type: ObjectTypeName, id: string, source: ChangeSource, now = Date.now()): boolean {
    if (!this.objectsOf(type).delete(id)) return false;
    for (const other of OBJECT_TYPES) {
      for (const edge of this.associationsOf(type, id, other.name)) {
        const key = `${other.name}:${edge.toId}:${type}`;
        const rest = (this.associations.get(key) ?? []).filter((e) => e.toId !== id);
        if (rest.length) this.associations.set(key, rest);
        else this.associations.delete(key);
      }
      this.associations.delete(`${type}:${id}:${other.name}`);
    }
    this.onChange({ kind: 'deletion', type, objectId: id, occurredAt: now, source });
    return true;
  }

  private normalise(type: ObjectTypeName, name: string, value: string | number | boolean): string {
    const def = this.propertyDefinition(type, name);
    if (def && (def.type === 'datetime' || def.type === 'date') && typeof value !== 'boolean') {
      return toIsoDate(value) ?? String(value);
    }
    return String(value);
  }

  associate(
    from: ObjectTypeName,
    fromId: string,
    to: ObjectTypeName,
    toId: string,
    info: { typeId: number; label: string | null; reverseTypeId: number },
  ): void {
    this.addEdge(`${from}:${fromId}:${to}`, { toId, typeId: info.typeId, label: info.label });
    this.addEdge(`${to}:${toId}:${from}`, { toId: fromId, typeId: info.reverseTypeId, label: info.label });
  }

  /** Default association, plus the "Primary" one when asked for (HubSpot returns both). */
  associateDefault(
    from: ObjectTypeName,
    fromId: string,
    to: ObjectTypeName,
    toId: string,
    primary: boolean,
  ): boolean {
    const plain = associationType(from, to, false);
    if (!plain) return false;
    this.associate(from, fromId, to, toId, plain);
    const labelled = primary ? associationType(from, to, true) : undefined;
    if (labelled) this.associate(from, fromId, to, toId, labelled);
    return true;
  }

  associationsOf(from: ObjectTypeName, fromId: string, to: ObjectTypeName): AssociationEdge[] {
    return this.associations.get(`${from}:${fromId}:${to}`) ?? [];
  }

  private addEdge(key: string, edge: AssociationEdge): void {
    const list = this.associations.get(key) ?? [];
    if (!list.some((e) => e.toId === edge.toId && e.typeId === edge.typeId)) list.push(edge);
    this.associations.set(key, list);
  }
}

export function newPrivateAppToken(): string {
  return `pat-na1-${randomUUID()}`;
}

import type { ChangeSource } from './crm-change';
import { notFoundError, validationError } from './hubspot-errors';
import { toIsoDate, type CrmObject, type HubSpotPortal } from './hubspot-portal';
import {
  associationTypeById,
  resolveObjectType,
  type ObjectTypeInfo,
  type ObjectTypeName,
} from './hubspot-schema';

/** HubSpot CRM v3/v4 operations over one portal. Each returns the HTTP status and JSON body. */
export interface CrmResult {
  status: number;
  body: unknown;
}

export const SEARCH_RESULT_CAP = 10_000;
const BATCH_MAX = 100;
const SEARCH_LIMIT_MAX = 200;

type Json = Record<string, unknown>;

/** A scalar as text ('' for anything else). */
function text(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function objectType(raw: string): ObjectTypeInfo {
  const type = resolveObjectType(raw);
  if (!type) throw validationError(`Unable to infer object type from: ${raw}`);
  return type;
}

function propertyList(raw: unknown): string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  const items = Array.isArray(raw) ? raw : [raw];
  const names = items
    .flatMap((v) => String(v).split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  return names.length ? names : undefined;
}

/** SimplePublicObject: requested properties (null when unset) plus HubSpot's always-present ones. */
export function publicObject(object: CrmObject, type: ObjectTypeInfo, requested: string[] | undefined): Json {
  const names = new Set(requested ?? type.defaultProperties);
  for (const always of [
    'createdate',
    'hs_object_id',
    type.name === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate',
  ]) {
    names.add(always);
  }
  const properties: Record<string, string | null> = {};
  for (const name of [...names].sort()) properties[name] = object.properties[name] ?? null;
  return {
    id: object.id,
    properties,
    createdAt: object.createdAt,
    updatedAt: object.updatedAt,
    archived: false,
  };
}

function batchEnvelope(results: unknown[], errors: Json[], startedAt: string): CrmResult {
  const body: Json = { status: 'COMPLETE', results, startedAt, completedAt: new Date().toISOString() };
  if (errors.length) {
    body.numErrors = errors.length;
    body.errors = errors;
  }
  return { status: errors.length ? 207 : 200, body };
}

function inputs(body: unknown): Json[] {
  if (!isObject(body) || !Array.isArray(body.inputs))
    throw validationError('Invalid input JSON: "inputs" is required');
  if (body.inputs.length > BATCH_MAX) {
    throw validationError(
      `Batch input is too large: ${body.inputs.length} inputs, at most ${BATCH_MAX} are allowed`,
      {
        errors: [{ message: `inputs must contain at most ${BATCH_MAX} items`, in: 'inputs' }],
      },
    );
  }
  return body.inputs.map((i) => (isObject(i) ? i : {}));
}

export function listOwners(
  portal: HubSpotPortal,
  query: Record<string, unknown>,
  baseUrl: string,
): CrmResult {
  const limit = Math.min(Math.max(Number(query.limit ?? 100) || 100, 1), 500);
  const after = Number(query.after ?? 0) || 0;
  const archived = text(query.archived) === 'true';
  const email = typeof query.email === 'string' ? query.email.toLowerCase() : undefined;
  const all = portal.owners.filter(
    (o) => o.archived === archived && (!email || o.email.toLowerCase() === email),
  );
  const page = all.slice(after, after + limit);
  const body: Json = {
    results: page.map((o) => ({ ...o, userIdIncludingInactive: o.userId, type: 'PERSON' })),
  };
  if (after + limit < all.length) {
    const next = String(after + limit);
    body.paging = { next: { after: next, link: `${baseUrl}/crm/v3/owners/?after=${next}` } };
  }
  return { status: 200, body };
}

export function listProperties(portal: HubSpotPortal, rawType: string): CrmResult {
  const type = objectType(rawType);
  const results = portal.propertyDefinitions(type.name).map((p, i) => ({
    updatedAt: '2024-01-01T00:00:00.000Z',
    createdAt: '2019-08-06T02:41:08.029Z',
    name: p.name,
    label: p.label,
    type: p.type,
    fieldType: p.fieldType,
    description: p.description,
    groupName: p.groupName,
    options: p.options,
    ...(p.referencedObjectType ? { referencedObjectType: p.referencedObjectType } : {}),
    displayOrder: i,
    calculated: false,
    externalOptions: p.referencedObjectType === 'OWNER',
    hasUniqueValue: p.name === 'hs_object_id',
    hidden: false,
    hubspotDefined: p.hubspotDefined,
    modificationMetadata: {
      archivable: !p.hubspotDefined,
      readOnlyDefinition: p.hubspotDefined,
      readOnlyValue: p.readOnlyValue,
    },
    formField: !p.readOnlyValue,
  }));
  return { status: 200, body: { results } };
}

/** `GET /crm/v3/objects/{type}`: a page in id order; `after` is the last id seen. */
export function listObjects(
  portal: HubSpotPortal,
  rawType: string,
  query: Record<string, unknown>,
): CrmResult {
  const type = objectType(rawType);
  const limit = Math.min(Math.max(Number(query.limit ?? 10) || 10, 1), 100);
  const after = Number(query.after ?? 0) || 0;
  if (text(query.archived) === 'true') return { status: 200, body: { results: [] } };
  const all = [...portal.objectsOf(type.name).values()]
    .filter((o) => Number(o.id) > after)
    .sort((x, y) => Number(x.id) - Number(y.id));
  const page = all.slice(0, limit);
  const body: Json = { results: page.map((o) => publicObject(o, type, propertyList(query.properties))) };
  const last = page[page.length - 1];
  if (all.length > limit && last) {
    body.paging = { next: { after: String(Number(last.id)), link: `?after=${last.id}` } };
  }
  return { status: 200, body };
}

export function getObject(
  portal: HubSpotPortal,
  rawType: string,
  id: string,
  query: Record<string, unknown>,
): CrmResult {
  const type = objectType(rawType);
  const idProperty = typeof query.idProperty === 'string' ? query.idProperty : undefined;
  const object = findObject(portal, type.name, id, idProperty);
  if (!object) throw notFoundError();
  return { status: 200, body: publicObject(object, type, propertyList(query.properties)) };
}

function findObject(
  portal: HubSpotPortal,
  type: ObjectTypeName,
  id: string,
  idProperty?: string,
): CrmObject | undefined {
  if (!idProperty || idProperty === 'hs_object_id') return portal.get(type, id);
  for (const o of portal.objectsOf(type).values()) if (o.properties[idProperty] === id) return o;
  return undefined;
}

export function batchRead(portal: HubSpotPortal, rawType: string, body: unknown): CrmResult {
  const startedAt = new Date().toISOString();
  const type = objectType(rawType);
  const list = inputs(body);
  const b = body as Json;
  const requested = propertyList(b.properties);
  const idProperty = typeof b.idProperty === 'string' ? b.idProperty : undefined;
  const results: unknown[] = [];
  const missing: string[] = [];
  for (const input of list) {
    const id = text(input.id);
    const object = findObject(portal, type.name, id, idProperty);
    if (object) results.push(publicObject(object, type, requested));
    else missing.push(id);
  }
  return batchEnvelope(results, objectsNotFound('get', type.singular, missing), startedAt);
}

/** HubSpot's per-batch error for ids that do not exist (the batch still answers 207). */
function objectsNotFound(verb: 'get' | 'update', singular: string, missing: string[]) {
  if (missing.length === 0) return [];
  return [
    {
      status: 'error',
      category: 'OBJECT_NOT_FOUND',
      message: `Could not ${verb} some ${singular.toUpperCase()} objects, they may be deleted or not exist. Check that ids are valid.`,
      context: { ids: missing },
    },
  ];
}

/** Checks writable values against the definitions, collecting HubSpot-style validation failures. */
function validateProperties(
  portal: HubSpotPortal,
  type: ObjectTypeName,
  properties: unknown,
): Record<string, string | null> {
  if (!isObject(properties)) throw validationError('Invalid input JSON: "properties" must be an object');
  const problems: Json[] = [];
  const out: Record<string, string | null> = {};
  for (const [name, raw] of Object.entries(properties)) {
    const value = raw === null ? null : text(raw);
    const def = portal.propertyDefinition(type, name);
    if (!def) {
      problems.push({
        isValid: false,
        message: `Property "${name}" does not exist`,
        error: 'PROPERTY_DOESNT_EXIST',
        name,
      });
      continue;
    }
    if (def.readOnlyValue && name !== 'hs_object_id') {
      problems.push({
        isValid: false,
        message: `"${name}" is a read only property; its value cannot be set.`,
        error: 'READ_ONLY_VALUE',
        name,
      });
      continue;
    }
    if (value !== null && value !== '') {
      if (def.type === 'enumeration' && !def.options.some((o) => o.value === value)) {
        const error = name === 'hubspot_owner_id' ? 'INVALID_OWNER_ID' : 'INVALID_OPTION';
        const message =
          name === 'hubspot_owner_id'
            ? `${value} is not a valid owner id`
            : `${value} was not one of the allowed options: [${def.options.map((o) => o.value).join(', ')}]`;
        problems.push({ isValid: false, message, error, name });
        continue;
      }
      if (def.type === 'number' && !Number.isFinite(Number(value))) {
        problems.push({
          isValid: false,
          message: `${value} is not a valid number`,
          error: 'INVALID_INTEGER',
          name,
        });
        continue;
      }
      if ((def.type === 'datetime' || def.type === 'date') && toIsoDate(value) === undefined) {
        problems.push({
          isValid: false,
          message: `${value} is not a valid date`,
          error: 'INVALID_DATE',
          name,
        });
        continue;
      }
    }
    if (name !== 'hs_object_id') out[name] = value;
  }
  if (problems.length) throw validationError(`Property values were not valid: ${JSON.stringify(problems)}`);
  return out;
}

export function batchUpdate(
  portal: HubSpotPortal,
  rawType: string,
  body: unknown,
  source: ChangeSource,
): CrmResult {
  const startedAt = new Date().toISOString();
  const type = objectType(rawType);
  const list = inputs(body);
  const idProperty =
    typeof (body as Json).idProperty === 'string' ? ((body as Json).idProperty as string) : undefined;
  // Validate everything first: HubSpot rejects the whole batch on a bad value.
  const planned = list.map((input) => ({
    id: text(input.id),
    values: validateProperties(portal, type.name, input.properties),
  }));
  const results: unknown[] = [];
  const missing: string[] = [];
  const now = Date.now();
  for (const { id, values } of planned) {
    const object = findObject(portal, type.name, id, idProperty);
    if (!object) {
      missing.push(id);
      continue;
    }
    portal.update(object, values, source, now);
    results.push(publicObject(object, type, Object.keys(values)));
  }
  return batchEnvelope(results, objectsNotFound('update', type.singular, missing), startedAt);
}

/** `PATCH /crm/v3/objects/{type}/{id}`: one object's properties. */
export function patchObject(
  portal: HubSpotPortal,
  rawType: string,
  id: string,
  query: Record<string, unknown>,
  body: unknown,
  source: ChangeSource,
): CrmResult {
  const type = objectType(rawType);
  if (!isObject(body)) throw validationError('Invalid input JSON: body must be an object');
  const values = validateProperties(portal, type.name, body.properties ?? {});
  const idProperty = typeof query.idProperty === 'string' ? query.idProperty : undefined;
  const object = findObject(portal, type.name, id, idProperty);
  if (!object) throw notFoundError();
  portal.update(object, values, source);
  return { status: 200, body: publicObject(object, type, Object.keys(values)) };
}

/** `DELETE /crm/v3/objects/{type}/{id}`: archives; an id that does not exist is not an error. */
export function archiveObject(
  portal: HubSpotPortal,
  rawType: string,
  id: string,
  source: ChangeSource,
): CrmResult {
  const type = objectType(rawType);
  portal.remove(type.name, id, source);
  return { status: 204, body: undefined };
}

export function createObject(
  portal: HubSpotPortal,
  rawType: string,
  body: unknown,
  source: ChangeSource,
): CrmResult {
  const type = objectType(rawType);
  if (!isObject(body)) throw validationError('Invalid input JSON: body must be an object');
  const values = validateProperties(portal, type.name, body.properties ?? {});
  const associations = Array.isArray(body.associations) ? body.associations.filter(isObject) : [];
  const links: Array<{ to: ObjectTypeInfo; toId: string; typeId: number }> = [];
  for (const a of associations) {
    const toId = isObject(a.to) ? String(a.to.id) : '';
    const types = Array.isArray(a.types) ? a.types.filter(isObject) : [];
    for (const t of types) {
      const typeId = Number(t.associationTypeId);
      const target = [...(['contacts', 'companies', 'deals', 'leads'] as const)]
        .map((n) => ({ n, info: associationTypeById(type.name, n, typeId) }))
        .find((x) => x.info);
      const toType = target ? objectType(target.n) : undefined;
      if (!toType || !portal.get(toType.name, toId)) {
        throw validationError(
          `Association type ${typeId} to object ${toId} is not valid: the object does not exist or the type does not apply`,
        );
      }
      links.push({ to: toType, toId, typeId });
    }
  }
  if (type.name === 'leads') {
    if (!values.hs_lead_name)
      throw validationError(
        'Property values were not valid: [{"isValid":false,"message":"hs_lead_name is required","error":"REQUIRED_PROPERTY","name":"hs_lead_name"}]',
      );
    if (!links.some((l) => l.to.name === 'contacts')) {
      throw validationError('A lead must be created with an association to an existing contact');
    }
  }
  const object = portal.create(type, values, { source });
  for (const l of links) {
    const info = associationTypeById(type.name, l.to.name, l.typeId)!;
    portal.associate(type.name, object.id, l.to.name, l.toId, info);
  }
  return { status: 201, body: publicObject(object, type, Object.keys(values)) };
}

interface Filter {
  propertyName: string;
  operator: string;
  value?: unknown;
  highValue?: unknown;
  values?: unknown[];
}

const OPERATORS = new Set([
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
]);

function comparable(
  portal: HubSpotPortal,
  type: ObjectTypeName,
  name: string,
  raw: unknown,
): number | string | undefined {
  if (raw === undefined || raw === null) return undefined;
  const def = portal.propertyDefinition(type, name);
  const value = text(raw);
  if (value === '') return undefined;
  if (def?.type === 'datetime' || def?.type === 'date') {
    const iso = toIsoDate(value);
    return iso === undefined ? undefined : Date.parse(iso);
  }
  if (def?.type === 'number') return Number.isFinite(Number(value)) ? Number(value) : undefined;
  return value.toLowerCase();
}

function matches(portal: HubSpotPortal, type: ObjectTypeName, object: CrmObject, f: Filter): boolean {
  const actual = comparable(portal, type, f.propertyName, object.properties[f.propertyName]);
  const value = comparable(portal, type, f.propertyName, f.value);
  switch (f.operator) {
    case 'HAS_PROPERTY':
      return actual !== undefined;
    case 'NOT_HAS_PROPERTY':
      return actual === undefined;
    case 'EQ':
      return actual !== undefined && actual === value;
    case 'NEQ':
      return actual !== value;
    case 'IN':
    case 'NOT_IN': {
      const set = (f.values ?? []).map((v) => comparable(portal, type, f.propertyName, v));
      const inSet = actual !== undefined && set.includes(actual);
      return f.operator === 'IN' ? inSet : !inSet;
    }
    case 'CONTAINS_TOKEN':
    case 'NOT_CONTAINS_TOKEN': {
      const token = String(f.value).toLowerCase().replace(/\*/g, '');
      const has = typeof actual === 'string' && actual.split(/[\s@.,;]+/).some((t) => t.includes(token));
      return f.operator === 'CONTAINS_TOKEN' ? has : !has;
    }
    default:
      break;
  }
  if (actual === undefined || value === undefined) return false;
  switch (f.operator) {
    case 'LT':
      return actual < value;
    case 'LTE':
      return actual <= value;
    case 'GT':
      return actual > value;
    case 'GTE':
      return actual >= value;
    case 'BETWEEN': {
      const high = comparable(portal, type, f.propertyName, f.highValue);
      return high !== undefined && actual >= value && actual <= high;
    }
    default:
      return false;
  }
}

function parseSorts(raw: unknown): Array<{ propertyName: string; descending: boolean }> {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((s) => {
    if (typeof s === 'string') return [{ propertyName: s.replace(/^-/, ''), descending: s.startsWith('-') }];
    if (isObject(s) && typeof s.propertyName === 'string') {
      return [{ propertyName: s.propertyName, descending: s.direction === 'DESCENDING' }];
    }
    return [];
  });
}

export function search(portal: HubSpotPortal, rawType: string, body: unknown): CrmResult {
  const type = objectType(rawType);
  const b = isObject(body) ? body : {};
  const limit = b.limit === undefined ? 10 : Number(b.limit);
  if (!Number.isInteger(limit) || limit < 0 || limit > SEARCH_LIMIT_MAX) {
    throw validationError(
      `Invalid input JSON: limit must be between 0 and ${SEARCH_LIMIT_MAX}, got ${String(b.limit)}`,
      {
        errors: [{ message: `must be less than or equal to ${SEARCH_LIMIT_MAX}`, in: 'limit' }],
      },
    );
  }
  const after = b.after === undefined || b.after === null || b.after === '' ? 0 : Number(b.after);
  if (!Number.isInteger(after) || after < 0) throw validationError(`Invalid after value: ${String(b.after)}`);
  if (after + limit > SEARCH_RESULT_CAP) {
    throw validationError(
      `The search API is limited to ${SEARCH_RESULT_CAP} results for any given query: after (${after}) plus limit (${limit}) exceeds it`,
    );
  }
  const groups = Array.isArray(b.filterGroups) ? b.filterGroups.filter(isObject) : [];
  if (groups.length > 5) throw validationError('Too many filter groups: at most 5 are allowed');
  const filterGroups: Filter[][] = groups.map(
    (g) => (Array.isArray(g.filters) ? g.filters.filter(isObject) : []) as unknown as Filter[],
  );
  for (const filters of filterGroups) {
    if (filters.length > 6)
      throw validationError('Too many filters in a filter group: at most 6 are allowed');
    for (const f of filters) {
      if (!OPERATORS.has(f.operator)) throw validationError(`Unknown filter operator: ${String(f.operator)}`);
      if (!portal.propertyDefinition(type.name, f.propertyName)) {
        throw validationError(
          `There was a problem with the request: property ${String(f.propertyName)} does not exist`,
        );
      }
    }
  }
  const sorts = parseSorts(b.sorts);
  if (sorts.length > 1) throw validationError('Only one sort is supported');
  const query = typeof b.query === 'string' ? b.query.toLowerCase() : '';
  let found = [...portal.objectsOf(type.name).values()].filter(
    (o) =>
      !filterGroups.length ||
      filterGroups.some((filters) => filters.every((f) => matches(portal, type.name, o, f))),
  );
  if (query)
    found = found.filter((o) =>
      type.defaultProperties.some((p) => (o.properties[p] ?? '').toLowerCase().includes(query)),
    );
  const sort = sorts[0];
  found.sort((x, y) => {
    if (sort) {
      const a = comparable(portal, type.name, sort.propertyName, x.properties[sort.propertyName]);
      const c = comparable(portal, type.name, sort.propertyName, y.properties[sort.propertyName]);
      if (a !== c) {
        if (a === undefined) return 1;
        if (c === undefined) return -1;
        return (a < c ? -1 : 1) * (sort.descending ? -1 : 1);
      }
    }
    return Number(x.id) - Number(y.id);
  });
  const requested = propertyList(b.properties);
  const page = found.slice(after, after + limit);
  const result: Json = { total: found.length, results: page.map((o) => publicObject(o, type, requested)) };
  if (after + limit < found.length) result.paging = { next: { after: String(after + limit) } };
  return { status: 200, body: result };
}

export function batchReadAssociations(
  portal: HubSpotPortal,
  rawFrom: string,
  rawTo: string,
  body: unknown,
): CrmResult {
  const startedAt = new Date().toISOString();
  const from = objectType(rawFrom);
  const to = objectType(rawTo);
  const results: unknown[] = [];
  const errors: Json[] = [];
  for (const input of inputs(body)) {
    const id = text(input.id);
    const edges = portal.associationsOf(from.name, id, to.name);
    if (!edges.length) {
      errors.push({
        status: 'error',
        category: 'VALIDATION_ERROR',
        subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
        message: `No ${to.singular} is associated with ${from.singular} ${id}.`,
        context: { fromObjectId: [id] },
      });
      continue;
    }
    const byTarget = new Map<string, Array<{ category: string; typeId: number; label: string | null }>>();
    for (const e of edges) {
      const list = byTarget.get(e.toId) ?? [];
      list.push({ category: 'HUBSPOT_DEFINED', typeId: e.typeId, label: e.label });
      byTarget.set(e.toId, list);
    }
    results.push({
      from: { id },
      to: [...byTarget].map(([toId, associationTypes]) => ({ toObjectId: Number(toId), associationTypes })),
    });
  }
  return batchEnvelope(results, errors, startedAt);
}

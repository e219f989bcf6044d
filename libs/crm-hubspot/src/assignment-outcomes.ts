import { CrmError, type CrmFieldProblem } from '@leadflow/crm';
import type { HubSpotBatchErrorJson, HubSpotBatchJson, HubSpotObjectJson } from './hubspot-payloads';

/** One input of `POST /crm/v3/objects/{type}/batch/update`. */
export interface BatchUpdateInput {
  id: string;
  properties: Record<string, string>;
}

/** Each record's result: `null` when written, else why not. */
export type RecordWriteResults = Map<string, CrmError | null>;

const PROVIDER = 'hubspot';

/**
 * A 200 or 207 batch update: records in `results` were written; each `errors` entry names its records
 * in `context.ids` (OBJECT_NOT_FOUND for ids HubSpot does not have). A record in neither is reported as
 * unknown rather than assumed written.
 */
export function resultsOfBatchResponse(
  inputs: readonly BatchUpdateInput[],
  response: HubSpotBatchJson<HubSpotObjectJson>,
  operation: string,
): RecordWriteResults {
  const results: RecordWriteResults = new Map();
  for (const object of response.results) results.set(String(object.id), null);
  for (const entry of response.errors ?? []) {
    const error = recordError(entry, operation);
    for (const id of idsNamedBy(entry)) results.set(id, error);
  }
  for (const input of inputs) {
    if (!results.has(input.id)) {
      results.set(
        input.id,
        new CrmError({
          code: 'UNKNOWN',
          provider: PROVIDER,
          operation,
          providerMessage: 'HubSpot reported neither a result nor an error for this record',
        }),
      );
    }
  }
  return results;
}

/**
 * A batch update HubSpot refused as a whole (no record was written). When the error names records (by id,
 * or by a property value only some inputs carry) those get the error and the rest a TEMPORARY one, as
 * they were fine and only need sending again without the bad ones. When it names nothing, every
 * record gets the error.
 */
export function resultsOfBatchFailure(
  inputs: readonly BatchUpdateInput[],
  error: CrmError,
  idsNamedByBody: readonly string[],
): RecordWriteResults {
  const inputIds = new Set(inputs.map((i) => i.id));
  const namedIds = idsNamedByBody.filter((id) => inputIds.has(id));
  const blamed = namedIds.length > 0 ? new Set(namedIds) : blamedByFields(inputs, error.fields);
  const results: RecordWriteResults = new Map();
  if (blamed.size === 0 || blamed.size === inputIds.size) {
    for (const input of inputs) results.set(input.id, error);
    return results;
  }
  const notFound = error.causeCode === 'OBJECT_NOT_FOUND' ? asNotFound(error) : error;
  const innocent = new CrmError({
    code: 'TEMPORARY',
    provider: PROVIDER,
    operation: error.operation,
    ...(error.status === undefined ? {} : { status: error.status }),
    providerMessage: 'not written: HubSpot refused the whole batch because of other records in it',
  });
  for (const input of inputs) results.set(input.id, blamed.has(input.id) ? notFound : innocent);
  return results;
}

/**
 * Inputs a field problem points at. HubSpot names the property, not the record: every input setting
 * that property is suspect, narrowed to those whose value the message quotes when that singles some out
 * (`"123 is not a valid owner id"`).
 */
export function blamedByFields(
  inputs: readonly BatchUpdateInput[],
  fields: readonly CrmFieldProblem[],
): Set<string> {
  const blamed = new Set<string>();
  for (const problem of fields) {
    if (problem.field === '') continue;
    const setting = inputs.filter((i) => Object.hasOwn(i.properties, problem.field));
    const quoted = setting.filter((i) => quotes(problem.message, i.properties[problem.field] ?? ''));
    for (const input of quoted.length > 0 ? quoted : setting) blamed.add(input.id);
  }
  return blamed;
}

function quotes(message: string, value: string): boolean {
  if (value.trim() === '') return false;
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_-])${escaped}($|[^A-Za-z0-9_-])`).test(message);
}

/** Record ids an error body names: `context.ids`, also inside its `errors[]`. */
export function idsNamedBy(body: unknown): string[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return [];
  const { context, errors } = body as HubSpotBatchErrorJson;
  const contexts = [context, ...(Array.isArray(errors) ? errors.map((e) => e?.context) : [])];
  const ids = contexts.flatMap((c) => {
    const value: unknown = c?.['ids'];
    return Array.isArray(value)
      ? value.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
      : [];
  });
  return [...new Set(ids.map(String))];
}

function recordError(entry: HubSpotBatchErrorJson, operation: string): CrmError {
  const common = {
    provider: PROVIDER,
    operation,
    status: 207,
    ...(entry.message === undefined ? {} : { providerMessage: entry.message }),
    ...(entry.category === undefined ? {} : { causeCode: entry.category }),
  };
  switch (entry.category) {
    case 'OBJECT_NOT_FOUND':
      return new CrmError({ ...common, code: 'NOT_FOUND' });
    case 'VALIDATION_ERROR':
      return new CrmError({
        ...common,
        code: 'INVALID_REQUEST',
        fields: (entry.errors ?? []).map((e) => ({
          field: e.in ?? '',
          message: e.message ?? 'invalid',
          ...(e.code === undefined ? {} : { code: e.code }),
        })),
      });
    default:
      return new CrmError({ ...common, code: 'UNKNOWN' });
  }
}

/** An error whose body says OBJECT_NOT_FOUND but whose status (400) made it INVALID_REQUEST. */
function asNotFound(error: CrmError): CrmError {
  return new CrmError({
    code: 'NOT_FOUND',
    provider: error.provider,
    operation: error.operation,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.providerMessage === undefined ? {} : { providerMessage: error.providerMessage }),
    ...(error.correlationId === undefined ? {} : { correlationId: error.correlationId }),
    ...(error.causeCode === undefined ? {} : { causeCode: error.causeCode }),
  });
}

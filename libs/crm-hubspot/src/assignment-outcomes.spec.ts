import { describe, expect, it } from 'vitest';
import { recorded } from '../test/recorded-payloads';
import {
  type BatchUpdateInput,
  blamedByFields,
  idsNamedBy,
  resultsOfBatchFailure,
  resultsOfBatchResponse,
} from './assignment-outcomes';
import { parseHubSpotError } from './errors';
import type { HubSpotBatchJson, HubSpotObjectJson } from './hubspot-payloads';

const OPERATION = 'leads.batchUpdate';
const owner = (id: string, ownerId: string): BatchUpdateInput => ({
  id,
  properties: { hubspot_owner_id: ownerId },
});

function codes(results: Map<string, { code: string } | null>): Record<string, string> {
  return Object.fromEntries([...results].map(([id, error]) => [id, error === null ? 'ok' : error.code]));
}

describe('resultsOfBatchResponse', () => {
  it('marks written records ok and the ids a 207 names as NOT_FOUND', () => {
    const response = recorded<HubSpotBatchJson<HubSpotObjectJson>>('leads-batch-update-207');
    expect(response.status).toBe(207);
    const results = resultsOfBatchResponse(
      [owner('1005', '70000002'), owner('999999', '70000002')],
      response.body,
      OPERATION,
    );
    expect(codes(results)).toEqual({ '1005': 'ok', '999999': 'NOT_FOUND' });
    expect(results.get('999999')).toMatchObject({ status: 207, causeCode: 'OBJECT_NOT_FOUND' });
    expect(results.get('999999')!.message).toMatch(/Could not update some LEAD objects/);
  });

  it('does not assume a record HubSpot said nothing about was written', () => {
    const results = resultsOfBatchResponse(
      [owner('1', 'o'), owner('2', 'o')],
      { results: [{ id: '1', properties: {} }] },
      OPERATION,
    );
    expect(codes(results)).toEqual({ '1': 'ok', '2': 'UNKNOWN' });
  });

  it('reads validation entries of a 207 with their fields', () => {
    const results = resultsOfBatchResponse(
      [owner('1', 'o')],
      {
        results: [],
        errors: [
          {
            category: 'VALIDATION_ERROR',
            message: 'bad',
            context: { ids: ['1'] },
            errors: [{ message: 'not an owner', in: 'hubspot_owner_id', code: 'INVALID_OWNER_ID' }],
          },
        ],
      },
      OPERATION,
    );
    expect(results.get('1')?.fields).toEqual([
      { field: 'hubspot_owner_id', message: 'not an owner', code: 'INVALID_OWNER_ID' },
    ]);
  });
});

describe('resultsOfBatchFailure', () => {
  const rejected = recorded<unknown>('leads-batch-update-400');
  const error = parseHubSpotError({ status: rejected.status, body: rejected.body, operation: OPERATION });

  it('blames the input whose value the validation message quotes; the rest may be sent again', () => {
    const inputs = [owner('1004', '70000001'), owner('1005', '123'), owner('1006', '70000001')];
    const results = resultsOfBatchFailure(inputs, error, []);
    expect(codes(results)).toEqual({ '1004': 'TEMPORARY', '1005': 'INVALID_REQUEST', '1006': 'TEMPORARY' });
    expect(results.get('1005')).toBe(error);
    expect(results.get('1005')!.fields[0]).toMatchObject({
      field: 'hubspot_owner_id',
      code: 'INVALID_OWNER_ID',
    });
    expect(results.get('1004')!.retryable).toBe(true);
  });

  it('blames every input that sets the property when the message singles none out', () => {
    const inputs: BatchUpdateInput[] = [
      { id: '1', properties: { hubspot_owner_id: 'o1', hs_lead_label: 'SCORCHING' } },
      { id: '2', properties: { hubspot_owner_id: 'o1' } },
    ];
    const problem = [{ field: 'hs_lead_label', message: 'was not one of the allowed options' }];
    expect([...blamedByFields(inputs, problem)]).toEqual(['1']);
    expect([...blamedByFields(inputs, [{ field: 'hubspot_owner_id', message: 'invalid' }])]).toEqual([
      '1',
      '2',
    ]);
    expect([...blamedByFields(inputs, [{ field: '', message: 'invalid' }])]).toEqual([]);
  });

  it('fails every input with the error when nothing points at particular records', () => {
    const inputs = [owner('1', 'a'), owner('2', 'b')];
    const unspecific = parseHubSpotError({
      status: 400,
      body: { status: 'error', message: 'Invalid input JSON', category: 'VALIDATION_ERROR' },
      operation: OPERATION,
    });
    expect(codes(resultsOfBatchFailure(inputs, unspecific, []))).toEqual({
      '1': 'INVALID_REQUEST',
      '2': 'INVALID_REQUEST',
    });
    const auth = parseHubSpotError({
      status: 401,
      body: { category: 'EXPIRED_AUTHENTICATION' },
      operation: OPERATION,
    });
    expect(codes(resultsOfBatchFailure(inputs, auth, []))).toEqual({
      '1': 'AUTH_EXPIRED',
      '2': 'AUTH_EXPIRED',
    });
  });

  it('fails the ids a refusal names, as NOT_FOUND when HubSpot says they do not exist', () => {
    const body = {
      status: 'error',
      category: 'OBJECT_NOT_FOUND',
      message: 'Could not update some LEAD objects',
      context: { ids: ['2'] },
    };
    const notFound = parseHubSpotError({ status: 400, body, operation: OPERATION });
    const results = resultsOfBatchFailure([owner('1', 'a'), owner('2', 'b')], notFound, idsNamedBy(body));
    expect(codes(results)).toEqual({ '1': 'TEMPORARY', '2': 'NOT_FOUND' });
  });
});

describe('idsNamedBy', () => {
  it('reads context.ids of the body and of its errors, ignoring anything else', () => {
    expect(idsNamedBy({ context: { ids: ['1', 2] }, errors: [{ context: { ids: ['3', '1'] } }] })).toEqual([
      '1',
      '2',
      '3',
    ]);
    expect(idsNamedBy('text')).toEqual([]);
    expect(idsNamedBy(undefined)).toEqual([]);
    expect(idsNamedBy({ context: { ids: 'x' } })).toEqual([]);
  });
});

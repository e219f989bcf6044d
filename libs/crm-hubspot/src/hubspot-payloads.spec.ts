import { describe, expect, it } from 'vitest';
import { plainJson } from './hubspot-payloads';

describe('plainJson', () => {
  it('turns SDK models back into the JSON HubSpot sent', () => {
    class Model {
      constructor(
        readonly _from: { id: string },
        readonly createdAt: Date,
      ) {}
    }
    const sdkResult = {
      results: [new Model({ id: '1' }, new Date('2026-01-01T00:00:00.000Z'))],
      errors: [{ errors: [{ _in: 'hubspot_owner_id' }] }],
    };
    expect(plainJson(sdkResult)).toEqual({
      results: [{ from: { id: '1' }, createdAt: '2026-01-01T00:00:00.000Z' }],
      errors: [{ errors: [{ in: 'hubspot_owner_id' }] }],
    });
    expect(plainJson(undefined)).toBeNull();
  });
});

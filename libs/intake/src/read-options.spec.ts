import { describe, expect, it } from 'vitest';
import { readOptionsFor } from './read-options';

describe('readOptionsFor', () => {
  it('asks for the properties each object is read for, and for none of an object never read', () => {
    const options = readOptionsFor({
      fields: [
        { target: 'externalId', sources: [{ kind: 'record', field: 'externalId' }] },
        { target: 'fullName', sources: [{ kind: 'property', object: 'lead', name: 'hs_lead_name' }] },
        {
          target: 'email',
          sources: [
            { kind: 'property', object: 'contact', name: 'email' },
            { kind: 'property', object: 'contact', name: 'work_email' },
          ],
        },
      ],
    });
    expect(options.properties).toEqual({
      lead: ['hs_lead_name'],
      contact: ['email', 'work_email'],
      company: [],
      deal: [],
    });
  });
});

import { describe, expect, it } from 'vitest';
import { type FieldSuggestion, type FieldMappingInput, suggestMapping, validate } from '../src/index';
import { hubspotDiscoveredFields, mondayDiscoveredFields, readMapping } from './recorded-payloads';

function byTarget(fields: FieldSuggestion[]): Record<string, FieldSuggestion> {
  return Object.fromEntries(fields.map((suggestion) => [suggestion.target, suggestion]));
}

describe('suggestMapping', () => {
  it('takes provider defaults whose sources exist, dropping the sources that do not', () => {
    const defaults: FieldMappingInput = {
      fields: [
        { target: 'externalId', sources: [{ kind: 'record', field: 'externalId' }], required: true },
        {
          target: 'phone',
          sources: [
            { kind: 'property', object: 'contact', name: 'mobilephone' },
            { kind: 'property', object: 'contact', name: 'hs_whatsapp_phone_number' },
          ],
          transforms: [{ type: 'phone_e164' }],
        },
        { target: 'status', sources: [{ kind: 'property', object: 'lead', name: 'hs_pipeline_stage' }] },
      ],
      statusParity: { entries: [{ value: 'new-stage-id', status: 'open' }], default: 'open' },
    };

    const suggestion = suggestMapping(hubspotDiscoveredFields(), defaults);
    const fields = byTarget(suggestion.fields);

    expect(fields['externalId']).toMatchObject({ confidence: 0.95, reason: 'provider default' });
    expect(fields['phone']?.rule.sources).toEqual([
      { kind: 'property', object: 'contact', name: 'mobilephone' },
    ]);
    expect(fields['phone']?.confidence).toBe(0.8);
    expect(fields['phone']?.reason).toContain('contact.hs_whatsapp_phone_number');
  });

  it('fills the remaining canonical fields by name, label and type, each with a reason', () => {
    const suggestion = suggestMapping(hubspotDiscoveredFields(), { fields: [] });
    const fields = byTarget(suggestion.fields);

    expect(fields['email']?.rule).toMatchObject({
      sources: [{ kind: 'property', object: 'contact', name: 'email' }],
      transforms: [{ type: 'trim' }, { type: 'lower' }],
    });
    expect(fields['firstName']?.rule.sources).toEqual([
      { kind: 'property', object: 'contact', name: 'firstname' },
    ]);
    expect(fields['country']?.rule).toMatchObject({ transforms: [{ type: 'country' }] });
    expect(fields['amount']?.rule).toMatchObject({
      sources: [{ kind: 'property', object: 'deal', name: 'amount' }],
      transforms: [{ type: 'money' }],
    });
    expect(fields['externalId']).toMatchObject({
      confidence: 1,
      rule: { sources: [{ kind: 'record', field: 'externalId' }] },
    });
    for (const field of suggestion.fields) {
      expect(field.confidence).toBeGreaterThanOrEqual(0);
      expect(field.confidence).toBeLessThanOrEqual(1);
      expect(field.reason.length).toBeGreaterThan(0);
    }
  });

  it('proposes a Monday board mapping from column titles and types', () => {
    const suggestion = suggestMapping(mondayDiscoveredFields(), { fields: [] });
    const fields = byTarget(suggestion.fields);

    expect(fields['email']?.rule.sources).toEqual([{ kind: 'column', id: 'email_mkx1', read: 'auto' }]);
    expect(fields['email']?.reason).toContain('type email');
    expect(fields['phone']?.rule).toMatchObject({
      sources: [{ kind: 'column', id: 'phone_mkx2' }],
      transforms: [{ type: 'phone_e164' }],
    });
    expect(fields['country']?.rule).toMatchObject({
      sources: [{ kind: 'column', id: 'country_mkx3' }],
      transforms: [],
    });
    expect(fields['existingOwnerId']?.rule).toMatchObject({
      sources: [{ kind: 'column', id: 'person' }],
      transforms: [{ type: 'first' }],
    });
    expect(fields['status']?.rule.sources).toEqual([{ kind: 'column', id: 'status', read: 'auto' }]);
    expect(fields['domain']).toMatchObject({
      confidence: 0.6,
      rule: { transforms: [{ type: 'email_to_domain' }] },
    });
  });

  it('proposes status parity from provider defaults, CRM metadata and label words, least sure last', () => {
    const suggestion = suggestMapping(mondayDiscoveredFields(), { fields: [] });
    const byValue = Object.fromEntries(suggestion.statusParity.map((entry) => [entry.value, entry]));

    expect(byValue['Won']).toMatchObject({ status: 'won', confidence: 0.9 });
    expect(byValue['Lost']).toMatchObject({ status: 'lost', confidence: 0.6 });
    expect(byValue['Spam']).toMatchObject({ status: 'excluded', confidence: 0.6 });
    expect(byValue['Working on it']).toMatchObject({ status: 'open', confidence: 0.4 });
    expect(suggestion.mapping.statusParity.default).toBe('open');
  });

  it('reads HubSpot deal stage probabilities as won and lost', () => {
    const defaults: FieldMappingInput = {
      fields: [{ target: 'status', sources: [{ kind: 'property', object: 'lead', name: 'dealstage' }] }],
    };
    const suggestion = suggestMapping(hubspotDiscoveredFields(), defaults, { recordObject: 'deal' });
    const byValue = Object.fromEntries(suggestion.statusParity.map((entry) => [entry.value, entry.status]));
    expect(byValue).toMatchObject({ closedwon: 'won', closedlost: 'lost', contractsent: 'open' });
  });

  it('produces a mapping that validates without errors', () => {
    const hubspot = suggestMapping(hubspotDiscoveredFields(), readMapping('hubspot-lead'));
    expect(
      validate(hubspot.mapping, hubspotDiscoveredFields()).filter((problem) => problem.severity === 'error'),
    ).toEqual([]);
    const monday = suggestMapping(mondayDiscoveredFields(), { fields: [] });
    expect(
      validate(monday.mapping, mondayDiscoveredFields()).filter((problem) => problem.severity === 'error'),
    ).toEqual([]);
  });
});

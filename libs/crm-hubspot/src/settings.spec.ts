import { describe, expect, it } from 'vitest';
import { parseHubSpotSettings } from './settings';

describe('parseHubSpotSettings', () => {
  it('fills the defaults, also for absent settings', () => {
    const expected = { settings: { primaryObject: 'leads', allowLegacyWebhookSignatures: false } };
    expect(parseHubSpotSettings({})).toEqual(expected);
    expect(parseHubSpotSettings(undefined)).toEqual(expected);
    expect(parseHubSpotSettings(null)).toEqual(expected);
  });

  it('keeps valid choices, trimming the stage id', () => {
    expect(
      parseHubSpotSettings({
        primaryObject: 'leads',
        leadStageOnAssign: ' attempting-stage-id ',
        allowLegacyWebhookSignatures: true,
      }),
    ).toEqual({
      settings: {
        primaryObject: 'leads',
        leadStageOnAssign: 'attempting-stage-id',
        allowLegacyWebhookSignatures: true,
      },
    });
    expect(parseHubSpotSettings({ primaryObject: 'deals' })).toMatchObject({
      settings: { primaryObject: 'deals' },
    });
  });

  it('names every problem with its field', () => {
    const result = parseHubSpotSettings({
      primaryObject: 'tickets',
      leadStageOnAssign: '',
      allowLegacyWebhookSignatures: 'yes',
      colour: 'blue',
    });
    expect('problems' in result && result.problems.map((p) => p.path).sort()).toEqual([
      '',
      'allowLegacyWebhookSignatures',
      'leadStageOnAssign',
      'primaryObject',
    ]);
    expect('problems' in result && result.problems.find((p) => p.path === '')?.message).toMatch(/colour/);
  });

  it('refuses a lead stage for a connection that does not route leads', () => {
    expect(parseHubSpotSettings({ primaryObject: 'contacts', leadStageOnAssign: 'new-stage-id' })).toEqual({
      problems: [
        {
          path: 'leadStageOnAssign',
          message: 'only applies when primaryObject is "leads" (it is "contacts")',
        },
      ],
    });
  });

  it('refuses something that is not an object', () => {
    expect(parseHubSpotSettings('leads')).toMatchObject({ problems: [{ path: '' }] });
  });
});

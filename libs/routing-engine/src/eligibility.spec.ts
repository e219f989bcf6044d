import { describe, expect, it } from 'vitest';
import { CONNECTION, makeRep } from '../test/fixtures';
import { compileRoutingConfig, NO_REQUIREMENTS } from './compiled-config';
import { type Rep } from './config-types';
import { ineligibilityReason } from './eligibility';
import { type RepLoad } from './state-types';

function reasonAt(rep: Rep, nowIso: string, load?: RepLoad): string | null {
  const compiled = compileRoutingConfig({
    ruleSet: { version: 1, rules: [] },
    pools: [],
    reps: [rep],
    fields: { custom: [] },
  }).reps.get(rep.id)!;
  const repLoads = load === undefined ? {} : { [rep.id]: load };
  return ineligibilityReason(
    compiled,
    { nowMs: Date.parse(nowIso), connectionId: CONNECTION, repLoads },
    NO_REQUIREMENTS,
    null,
  );
}

describe('eligibility boundaries', () => {
  // Monday 2024-05-06 in New York (UTC-4).
  const shift = makeRep('ana', { workingHours: { mon: [{ start: '09:00', end: '17:00' }] } });

  it('working hours include the start minute and exclude the end minute', () => {
    expect(reasonAt(shift, '2024-05-06T12:59:59Z')).toBe('outside_working_hours');
    expect(reasonAt(shift, '2024-05-06T13:00:00Z')).toBeNull();
    expect(reasonAt(shift, '2024-05-06T20:59:59Z')).toBeNull();
    expect(reasonAt(shift, '2024-05-06T21:00:00Z')).toBe('outside_working_hours');
  });

  it('a day without ranges is not a working day; no working hours at all means always working', () => {
    expect(reasonAt(shift, '2024-05-07T14:00:00Z')).toBe('outside_working_hours');
    expect(reasonAt(makeRep('ben'), '2024-05-05T03:00:00Z')).toBeNull();
  });

  it('24:00 ends a shift at midnight', () => {
    const late = makeRep('ana', { workingHours: { mon: [{ start: '20:00', end: '24:00' }] } });
    expect(reasonAt(late, '2024-05-07T03:59:00Z')).toBeNull();
    expect(reasonAt(late, '2024-05-07T04:00:00Z')).toBe('outside_working_hours');
  });

  it('out of office includes its start instant and excludes its end instant', () => {
    const ooo = makeRep('ana', {
      outOfOffice: [{ start: '2024-05-06T10:00:00Z', end: '2024-05-06T12:00:00Z' }],
    });
    expect(reasonAt(ooo, '2024-05-06T09:59:59.999Z')).toBeNull();
    expect(reasonAt(ooo, '2024-05-06T10:00:00Z')).toBe('out_of_office');
    expect(reasonAt(ooo, '2024-05-06T11:59:59.999Z')).toBe('out_of_office');
    expect(reasonAt(ooo, '2024-05-06T12:00:00Z')).toBeNull();
  });

  it('a cap is reached when the count equals it; a cap of 0 blocks everything', () => {
    const capped = makeRep('ana', { dailyCap: 2, openCap: 5 });
    expect(
      reasonAt(capped, '2024-05-06T14:00:00Z', { openCount: 4, assignedToday: 1, day: '2024-05-06' }),
    ).toBeNull();
    expect(
      reasonAt(capped, '2024-05-06T14:00:00Z', { openCount: 4, assignedToday: 2, day: '2024-05-06' }),
    ).toBe('daily_cap_reached');
    expect(
      reasonAt(capped, '2024-05-06T14:00:00Z', { openCount: 5, assignedToday: 0, day: '2024-05-06' }),
    ).toBe('open_cap_reached');
    expect(reasonAt(makeRep('ben', { dailyCap: 0 }), '2024-05-06T14:00:00Z')).toBe('daily_cap_reached');
  });

  it("counts the daily cap on the rep's local day", () => {
    const capped = makeRep('ana', { dailyCap: 2, timeZone: 'America/Los_Angeles' });
    const full = { openCount: 0, assignedToday: 2, day: '2024-05-06' };
    // 06:59Z on the 7th is still the 6th in Los Angeles; 07:00Z is the 7th.
    expect(reasonAt(capped, '2024-05-07T06:59:00Z', full)).toBe('daily_cap_reached');
    expect(reasonAt(capped, '2024-05-07T07:00:00Z', full)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { describeDecision } from '../components/decision-trail';
import { normalizeProblemPath, toApiError } from './problem';

describe('problem details in the console', () => {
  it('puts zod and rule-set validation paths in one shape, so a field finds its error', () => {
    expect(normalizeProblemPath('body.rules.1.action.poolId')).toBe('rules.1.action.poolId');
    expect(normalizeProblemPath('body.rules[1].action.poolId')).toBe('rules.1.action.poolId');
    expect(normalizeProblemPath('draft.rules[0].conditions.groups[0].conditions[2].value')).toBe(
      'rules.0.conditions.groups.0.conditions.2.value',
    );
    expect(normalizeProblemPath('pools["0190-abc"].members[0].weight')).toBe(
      'pools.0190-abc.members.0.weight',
    );
  });

  it('reads a problem body into its detail and field errors', () => {
    const error = toApiError(400, {
      type: 'https://leadflow.dev/problems/validation',
      title: 'Invalid request',
      status: 400,
      detail: '1 field is invalid: body.rules[1].action.poolId',
      errors: [{ path: 'body.rules[1].action.poolId', message: 'must not be empty', code: 'too_small' }],
    });
    expect(error.message).toBe('1 field is invalid: body.rules[1].action.poolId');
    expect(error.fieldMessage('rules.1.action.poolId')).toBe('must not be empty');
    expect(error.fieldMessage('rules.0.action.poolId')).toBeUndefined();
    expect(toApiError(502, 'Bad gateway').detail).toBe('Bad gateway');
  });

  it('tells a decision trail in sentences', () => {
    const names = { rep: (id: string) => ({ r1: 'Ada', r2: 'Grace' })[id] ?? id, pool: () => 'Inbound' };
    const lines = describeDecision(
      {
        outcome: 'assigned',
        repId: 'r1',
        crmOwnerId: '7001',
        trail: {
          rules: [
            {
              ruleId: 'eu',
              matched: false,
              groups: [
                {
                  conditions: [
                    { field: 'country', operator: 'equals', expected: 'DE', actual: 'US', result: false },
                  ],
                },
              ],
            },
            { ruleId: 'everyone', matched: true, groups: [] },
          ],
          ownerCheck: {
            policy: 'override',
            reason: 'no_existing_owner',
            result: 'routed',
            ownerIneligibleReason: null,
          },
          steps: [
            {
              kind: 'pool',
              poolId: 'p1',
              via: 'rule',
              strategy: 'round_robin',
              candidates: [
                { repId: 'r1', eligible: true, reason: null },
                { repId: 'r2', eligible: false, reason: 'out_of_office' },
              ],
              chosenRepId: 'r1',
            },
          ],
        },
      },
      names,
    );
    expect(lines).toEqual([
      'Rule “eu” did not match: country equals DE (was US)',
      'Rule “everyone” matched',
      'Owner check (override): no existing owner → routed',
      'Pool Inbound (round robin): 1 of 2 reps eligible (Grace out of office); chose Ada',
      'Assigned to Ada (CRM owner 7001)',
    ]);
  });
});

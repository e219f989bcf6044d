import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mondayAppGrant, newMondayLeadsBoard, startSandbox, type RunningSandbox } from './sandbox-harness';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox?.close();
});

/** Costs 1 + 4 (complexity) + 1 + 1 (boards(ids: [one]) { id }) = 7 points in the sandbox's formula. */
const PROBE =
  'query($b: [ID!]) { complexity { before after query reset_in_x_seconds } boards(ids: $b) { id } }';

describe('Monday sandbox limits', () => {
  it('reports complexity and refuses a query past the per-minute budget with COMPLEXITY_BUDGET_EXHAUSTED (429)', async () => {
    const f = await newMondayLeadsBoard(sandbox, { limits: { complexityPersonal: 20 } });
    const first = await sandbox.monday(f.personalToken, PROBE, { b: [f.boardId] });
    expect(first.body.data.complexity).toEqual({ before: 20, query: 7, after: 13, reset_in_x_seconds: 60 });
    const second = await sandbox.monday(f.personalToken, PROBE, { b: [f.boardId] });
    expect(second.body.data.complexity).toMatchObject({ before: 13, query: 7, after: 6 });
    expect(second.headers.get('ratelimit')).toMatch(/"complexityMinute";r=6;t=\d+$/);

    const refused = await sandbox.monday(f.personalToken, PROBE, { b: [f.boardId] });
    expect(refused.status).toBe(429);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors).toEqual([
      {
        message: 'Complexity budget exhausted',
        extensions: {
          code: 'COMPLEXITY_BUDGET_EXHAUSTED',
          complexity: 7,
          complexity_budget_left: 6,
          complexity_budget_limit: 20,
          retry_in_seconds: expect.any(Number),
          status_code: 429,
        },
      },
    ]);
    const retry = refused.body.errors[0].extensions.retry_in_seconds;
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect(refused.headers.get('retry-after')).toBe(String(retry));
    // A refused query spends no budget: a cheap one still fits.
    const cheap = await sandbox.monday(f.personalToken, '{ me { id } }');
    expect(cheap.status).toBe(200);
  });

  it('refuses a single query over the per-query maximum before running it', async () => {
    const f = await newMondayLeadsBoard(sandbox, { limits: { maxQueryComplexity: 100 } });
    // 25 boards × 25 items × 2 fields and more: far over 100.
    const res = await sandbox.monday(f.personalToken, '{ boards { items_page { items { id name } } } }');
    expect(res.status).toBe(200);
    expect(res.body.errors[0]).toEqual({
      message: expect.stringMatching(/^Query has complexity of \d+, which exceeds max complexity of 100$/),
      extensions: {
        code: 'maxComplexityExceeded',
        complexity: expect.any(Number),
        max_complexity: 100,
        status_code: 200,
      },
    });
  });

  it('gives app tokens separate read and write budgets', async () => {
    const f = await newMondayLeadsBoard(sandbox, { limits: { complexityApp: 10_100 } });
    const grant = await mondayAppGrant(sandbox, {
      clientId: `limits-app-${randomBytes(3).toString('hex')}`,
      accountId: f.accountId,
    });
    // Reads: 10,100 points, 503 a query (complexity 2, boards 1, 500 ids).
    const read = '{ complexity { query } boards(limit: 500) { id } }';
    let reads = 0;
    for (;;) {
      const res = await sandbox.monday(grant.accessToken, read);
      if (res.status === 429) break;
      expect(res.body.data.complexity.query).toBe(503);
      reads++;
    }
    expect(reads).toBe(Math.floor(10_100 / 503));
    // The write budget is untouched: a mutation (10,000 + its fields) still runs.
    const write = await sandbox.monday(
      grant.accessToken,
      `mutation { complexity { query before } create_item(board_id: ${f.boardId}, item_name: "w") { id } }`,
    );
    expect(write.status).toBe(200);
    expect(write.body.data.complexity).toEqual({ query: 10_005, before: 10_100 });
  });

  it('limits requests per minute with 429 "Minute limit rate exceeded", Retry-After and RateLimit headers', async () => {
    const f = await newMondayLeadsBoard(sandbox, { limits: { minuteRate: 3 } });
    for (let i = 0; i < 3; i++)
      expect((await sandbox.monday(f.personalToken, '{ me { id } }')).status).toBe(200);
    const res = await sandbox.monday(f.personalToken, '{ me { id } }');
    expect(res.status).toBe(429);
    expect(res.body.errors).toEqual([
      {
        message: 'Minute limit rate exceeded',
        extensions: { code: 'RATE_LIMIT_EXCEEDED', status_code: 429, retry_in_seconds: expect.any(Number) },
      },
    ]);
    expect(res.headers.get('retry-after')).toBe(String(res.body.errors[0].extensions.retry_in_seconds));
    expect(res.headers.get('ratelimit-policy')).toContain('"minuteRate";q=3;w=60');
    expect(res.headers.get('ratelimit')).toMatch(/^"minuteRate";r=0;t=\d+, /);
    expect(res.body.extensions.request_id).toEqual(expect.any(String));
  });

  it('counts daily calls (a complexity-only query as a tenth) and answers DAILY_LIMIT_EXCEEDED', async () => {
    const f = await newMondayLeadsBoard(sandbox, { limits: { daily: 1 } });
    for (let i = 0; i < 9; i++) {
      expect((await sandbox.monday(f.personalToken, '{ complexity { query } }')).status).toBe(200);
    }
    const res = await sandbox.monday(f.personalToken, '{ me { id } }');
    expect(res.status).toBe(200);
    expect(res.body.errors[0]).toEqual({
      message: 'Daily limit exceeded',
      extensions: { code: 'DAILY_LIMIT_EXCEEDED', status_code: 429, retry_in_seconds: expect.any(Number) },
    });
    expect(res.body.errors[0].extensions.retry_in_seconds).toBeLessThanOrEqual(86_400);
    // The tenth tenth is still there for one more complexity check.
    expect((await sandbox.monday(f.personalToken, '{ complexity { query } }')).status).toBe(200);
  });

  it('refuses requests past the concurrency limit with 429 maxConcurrencyExceeded', async () => {
    const f = await newMondayLeadsBoard(sandbox, { limits: { concurrency: 2 } });
    await sandbox.mondayControl('PUT', `/accounts/${f.accountId}/faults`, { latencyMs: 1_500 });
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => sandbox.monday(f.personalToken, '{ me { id } }')),
    );
    const refused = answers.filter((a) => a.status === 429);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(2);
    expect(refused).toHaveLength(2);
    expect(refused[0]!.body.errors[0].extensions).toEqual({
      code: 'maxConcurrencyExceeded',
      status_code: 429,
      retry_in_seconds: 1,
    });
  });

  it('injects 429 storms, complexity storms, errors and outages', async () => {
    const f = await newMondayLeadsBoard(sandbox);
    const faults = (body: unknown) => sandbox.mondayControl('PUT', `/accounts/${f.accountId}/faults`, body);
    const clear = () => sandbox.mondayControl('DELETE', `/accounts/${f.accountId}/faults`);

    await faults({ rateLimitStormMs: 60_000 });
    const storm = await sandbox.monday(f.personalToken, '{ me { id } }');
    expect(storm.status).toBe(429);
    expect(storm.body.errors[0].extensions.code).toBe('RATE_LIMIT_EXCEEDED');
    await clear();

    await faults({ complexityStormMs: 30_000 });
    const exhausted = await sandbox.monday(f.personalToken, '{ me { id } }');
    expect(exhausted.status).toBe(429);
    expect(exhausted.body.errors[0].extensions).toMatchObject({
      code: 'COMPLEXITY_BUDGET_EXHAUSTED',
      complexity: 2,
    });
    expect(exhausted.body.errors[0].extensions.retry_in_seconds).toBeLessThanOrEqual(30);
    await clear();

    await faults({ errorRate: 1, errorStatus: 502 });
    const broken = await sandbox.monday(f.personalToken, '{ me { id } }');
    expect(broken.status).toBe(502);
    expect(broken.body.errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', status_code: 502 });
    await clear();

    await faults({ outage: { durationMs: 60_000 } });
    expect((await sandbox.monday(f.personalToken, '{ me { id } }')).status).toBe(503);
    await clear();
    expect((await sandbox.monday(f.personalToken, '{ me { id } }')).status).toBe(200);
  });
});

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { route, type RoutableLead, type RoutingResult, type RoutingSnapshot } from '../src';

/**
 * Golden files are the engine's specification: each holds a lead, a snapshot and the exact
 * decision (with its full trail) and state delta. Regenerate after an intended change with
 *   UPDATE_GOLDEN=1 npx vitest run --project unit libs/routing-engine
 * and review every diff by hand before committing.
 */
interface GoldenCase {
  name: string;
  description: string;
  lead: RoutableLead;
  snapshot: RoutingSnapshot;
  expected: RoutingResult | null;
}

const GOLDEN_DIR = join(__dirname, 'golden');
// eslint-disable-next-line no-restricted-syntax -- a test-only switch, not application configuration
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const files = readdirSync(GOLDEN_DIR)
  .filter((file) => file.endsWith('.json'))
  .sort();

describe('golden routing cases', () => {
  it('has cases', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s', async (file) => {
    const path = join(GOLDEN_DIR, file);
    const golden = JSON.parse(readFileSync(path, 'utf8')) as GoldenCase;
    expect(file).toBe(`${golden.name}.json`);
    // Through JSON, as a decision is stored and served: what is compared is what is persisted.
    const actual = JSON.parse(JSON.stringify(route(golden.lead, golden.snapshot))) as RoutingResult;
    if (UPDATE) {
      // Written as the repository's formatter would, so regenerated files pass format checks.
      const options = (await resolveConfig(path)) ?? {};
      writeFileSync(
        path,
        await format(JSON.stringify({ ...golden, expected: actual }), { ...options, parser: 'json' }),
      );
      return;
    }
    expect(actual).toStrictEqual(golden.expected);
  });
});

import { z } from 'zod';
import type { PollProcessor, PollResult } from '@leadflow/intake';
import type { JobDefinition } from '@leadflow/jobs';

const pollSchema = z.object({ connectionId: z.uuid() });

/** One poll of one connection (the safety net behind webhooks, and the only path without them). */
export function pollConnectionJob(
  poller: PollProcessor,
): JobDefinition<z.infer<typeof pollSchema>, PollResult | { skipped: true }> {
  return {
    job: 'pollConnection',
    parse: (data) => pollSchema.parse(data),
    async handle({ connectionId }) {
      return (await poller.poll(connectionId)) ?? { skipped: true };
    },
  };
}

/** The scheduler's tick: enqueues a poll for every connection that is due; does no polling itself. */
export function schedulePollsJob(
  poller: PollProcessor,
  enqueuePoll: (connectionId: string) => Promise<void>,
): JobDefinition<Record<string, never>, { enqueued: number }> {
  return {
    job: 'schedulePolls',
    parse: () => ({}),
    async handle() {
      const due = await poller.due();
      for (const { connectionId } of due) await enqueuePoll(connectionId);
      return { enqueued: due.length };
    },
  };
}

export { loadActiveMapping, type ActiveMapping } from './active-mapping';
export { readOptionsFor } from './read-options';
export { IntakeProcessor, type IntakeDeps, type IntakeOutcome } from './intake-processor';
export {
  FRESH_DECISION_MS,
  RecordWriteError,
  WRITEBACK_BATCH_SIZE,
  WritebackProcessor,
  type WritebackResult,
} from './writeback-processor';
export { FIRST_POLL_LOOKBACK_MS, POLL_OVERLAP_MS, PollProcessor, type PollResult } from './poll-processor';
export { CoalescingBatcher, type BatchRunner } from './coalescing-batcher';
export { FETCH_BATCH_SIZE, RecordFetcher, type FetchScope } from './record-fetcher';
export { WebhookFanOut, type FanOutTarget, type IntakeRequest } from './webhook-fanout';
export { STRANDED_AFTER_MS, StrandedWorkSweeper, type SweepResult } from './stranded-work-sweeper';

export { loadActiveMapping, type ActiveMapping } from './active-mapping';
export { readOptionsFor } from './read-options';
export { budgetLinger, MAX_BATCH_LINGER_MS } from './budget-linger';
export { IntakeProcessor, type IntakeDeps, type IntakeOutcome } from './intake-processor';
export {
  FRESH_DECISION_MS,
  RecordWriteError,
  WRITEBACK_BATCH_SIZE,
  WritebackProcessor,
  type OwnerWrittenEvent,
  type WritebackResult,
} from './writeback-processor';
export {
  FIRST_POLL_LOOKBACK_MS,
  POLL_OVERLAP_MS,
  POLL_REQUEUE_AFTER_MS,
  PollProcessor,
  type PollResult,
} from './poll-processor';
export { CoalescingBatcher, type BatchRunner } from './coalescing-batcher';
export { FETCH_BATCH_SIZE, RecordFetcher, type FetchScope } from './record-fetcher';
export {
  accountsNamedBy,
  planIntake,
  WebhookFanOut,
  type FanOutTarget,
  type IntakePlan,
  type IntakeRequest,
} from './webhook-fanout';
export { STRANDED_AFTER_MS, StrandedWorkSweeper, type SweepResult } from './stranded-work-sweeper';
export {
  ACTIVE_BACKFILL_STATUSES,
  BACKFILL_PAGE_PAUSE_MS,
  BACKFILL_PAGE_SIZE,
  BackfillProcessor,
  backfillPercent,
  importActionFor,
  type BackfillCounters,
  type BackfillDeps,
  type BackfillPageResult,
  type ImportAction,
} from './backfill-processor';
export {
  DELIVERY_DISPATCHER_DEFAULTS,
  DeliveryDispatcher,
  type DeliveryDispatcherLog,
  type DeliveryDispatcherOptions,
  type DispatchedDelivery,
  type DispatchStats,
} from './delivery-dispatcher';

export { loadActiveMapping, type ActiveMapping } from './active-mapping';
export { readOptionsFor } from './read-options';
export { IntakeProcessor, type IntakeDeps, type IntakeOutcome } from './intake-processor';
export { WritebackProcessor, type WritebackResult } from './writeback-processor';
export { FIRST_POLL_LOOKBACK_MS, POLL_OVERLAP_MS, PollProcessor, type PollResult } from './poll-processor';

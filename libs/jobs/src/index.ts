export { JOBS, QUEUES, type JobKey, type QueueName } from './queue-names';
export {
  DuplicateJobHandlerError,
  jobIdFor,
  JobRegistry,
  type JobContext,
  type JobDefinition,
} from './job-registry';
export {
  intakeBatchJob,
  intakeJob,
  pollJob,
  writebackJob,
  backfillJob,
  BACKFILL_PAGE_ATTEMPTS,
} from './job-options';
export { requeueJob } from './requeue';
export { addIntakeBatches, addIntakeJobs, type FoundRecord, INTAKE_BATCH_MAX } from './intake-jobs';

export { JOBS, QUEUES, type JobKey, type QueueName } from './queue-names';
export {
  DuplicateJobHandlerError,
  jobIdFor,
  JobRegistry,
  type JobContext,
  type JobDefinition,
} from './job-registry';
export { intakeJob, pollJob, writebackJob } from './job-options';
export { requeueJob } from './requeue';
export { addIntakeJobs } from './intake-jobs';

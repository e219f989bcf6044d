import type { EncryptionKeyRotation } from '@leadflow/connections';
import type { PrismaClient } from '@leadflow/database';
import type {
  BackfillProcessor,
  IntakeProcessor,
  PollProcessor,
  StrandedWorkSweeper,
  WritebackProcessor,
} from '@leadflow/intake';
import { JobRegistry } from '@leadflow/jobs';
import type { PipelineMetrics } from '@leadflow/observability';
import { intakeLeadJob } from './jobs/intake-lead.job';
import { pollConnectionJob, schedulePollsJob } from './jobs/poll-connection.job';
import { pruneAuditLogJob } from './jobs/prune-audit-log.job';
import { runBackfillJob } from './jobs/run-backfill.job';
import { rotateEncryptionKeyJob } from './jobs/rotate-encryption-key.job';
import { sweepStrandedWorkJob } from './jobs/sweep-stranded-work.job';
import { writebackOwnerJob } from './jobs/writeback-owner.job';

export interface WorkerDependencies {
  prisma: PrismaClient;
  keyRotation: EncryptionKeyRotation;
  intake: IntakeProcessor;
  writeback: WritebackProcessor;
  poller: PollProcessor;
  sweeper: StrandedWorkSweeper;
  enqueuePoll: (connectionId: string) => Promise<void>;
  backfills: BackfillProcessor;
  /** Queues a backfill's page after the pause between pages. */
  enqueueBackfillPage: (backfillId: string, page: number) => Promise<void>;
  /** Intake lag and write-back results. */
  metrics?: Pick<PipelineMetrics, 'intakeLag' | 'writebacks'>;
}

/** Every job this worker handles, registered in one place. */
export function buildJobRegistry(deps: WorkerDependencies): JobRegistry {
  return new JobRegistry()
    .register(pruneAuditLogJob(deps.prisma))
    .register(rotateEncryptionKeyJob(deps.keyRotation))
    .register(intakeLeadJob(deps.intake, deps.metrics))
    .register(writebackOwnerJob(deps.writeback, deps.metrics))
    .register(pollConnectionJob(deps.poller))
    .register(schedulePollsJob(deps.poller, deps.enqueuePoll))
    .register(sweepStrandedWorkJob(deps.sweeper))
    .register(runBackfillJob(deps.backfills, deps.enqueueBackfillPage));
}

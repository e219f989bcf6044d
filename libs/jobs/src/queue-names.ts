/**
 * Every queue and job name in Leadflow. These strings are stored in Redis with the jobs, so they
 * are never renamed: add new names, retire old ones only after their queues drain.
 */
export const QUEUES = {
  intake: 'intake',
  writeback: 'writeback',
  polling: 'polling',
  tokenRefresh: 'token-refresh',
  keyRotation: 'key-rotation',
  maintenance: 'maintenance',
  /** Its own queue: a long import runs one page at a time beside polls, never in their way. */
  backfill: 'backfill',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  intakeLead: { queue: QUEUES.intake, name: 'intake-lead' },
  writebackOwner: { queue: QUEUES.writeback, name: 'writeback-owner' },
  pollConnection: { queue: QUEUES.polling, name: 'poll-connection' },
  schedulePolls: { queue: QUEUES.polling, name: 'schedule-polls' },
  refreshToken: { queue: QUEUES.tokenRefresh, name: 'refresh-token' },
  rotateEncryptionKey: { queue: QUEUES.keyRotation, name: 'rotate-encryption-key' },
  pruneAuditLog: { queue: QUEUES.maintenance, name: 'prune-audit-log' },
  sweepStrandedWork: { queue: QUEUES.maintenance, name: 'sweep-stranded-work' },
  runBackfill: { queue: QUEUES.backfill, name: 'run-backfill' },
} as const;

export type JobKey = keyof typeof JOBS;

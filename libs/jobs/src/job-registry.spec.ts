import { describe, expect, it } from 'vitest';
import { DuplicateJobHandlerError, jobIdFor, JobRegistry } from './job-registry';
import { JOBS, QUEUES } from './queue-names';

const noop = { parse: (d: unknown) => d, handle: () => Promise.resolve(undefined) };

describe('JobRegistry', () => {
  it('groups handlers by queue', () => {
    const registry = new JobRegistry()
      .register({ job: 'pruneAuditLog', ...noop })
      .register({ job: 'intakeLead', ...noop });
    const byQueue = registry.byQueue();
    expect([...byQueue.keys()].sort()).toEqual([QUEUES.intake, QUEUES.maintenance].sort());
    expect(byQueue.get(QUEUES.maintenance)?.has(JOBS.pruneAuditLog.name)).toBe(true);
  });

  it('refuses a second handler for the same job', () => {
    const registry = new JobRegistry().register({ job: 'pruneAuditLog', ...noop });
    expect(() => registry.register({ job: 'pruneAuditLog', ...noop })).toThrow(DuplicateJobHandlerError);
  });

  it('derives stable job ids from the work, without characters BullMQ forbids', () => {
    expect(jobIdFor('intakeLead', 'conn-1', 'lead:42')).toBe('intake-lead.conn-1.lead_42');
    expect(jobIdFor('intakeLead', 'conn-1', 'lead:42')).toBe(jobIdFor('intakeLead', 'conn-1', 'lead:42'));
  });

  it('keeps queue names unique', () => {
    const names = Object.values(QUEUES);
    expect(new Set(names).size).toBe(names.length);
  });
});

import { type Rep, type Weekday } from './config-types';
import { parseIsoInstant } from './iso-instant';
import { isValidTimeZone } from './local-time';
import { checkTags, isNonEmptyString } from './pool-validator';
import { parseTimeOfDay, WEEKDAYS } from './time-of-day';
import { IssueCollector, propertyPath, type ValidationResult } from './validation-issue';

function checkWorkingHours(issues: IssueCollector, rep: Rep, path: string): void {
  const hours = rep.workingHours;
  if (hours === undefined || hours === null) return;
  if (typeof hours !== 'object' || Array.isArray(hours)) {
    issues.error(path, 'invalid_working_hours', 'working hours must map weekdays (mon…sun) to time ranges');
    return;
  }
  for (const [day, ranges] of Object.entries(hours)) {
    const dayPath = `${path}${propertyPath(day)}`;
    if (!WEEKDAYS.includes(day as Weekday)) {
      issues.error(
        dayPath,
        'invalid_working_hours',
        `"${day}" is not a weekday; use mon, tue, wed, thu, fri, sat, sun`,
      );
      continue;
    }
    if (!Array.isArray(ranges)) {
      issues.error(dayPath, 'invalid_working_hours', 'must be a list of { start, end } ranges');
      continue;
    }
    ranges.forEach((range, index) => {
      const rangePath = `${dayPath}[${index}]`;
      const start = typeof range.start === 'string' ? parseTimeOfDay(range.start, false) : null;
      const end = typeof range.end === 'string' ? parseTimeOfDay(range.end, true) : null;
      if (start === null)
        issues.error(`${rangePath}.start`, 'invalid_working_hours', 'start must be HH:MM (00:00–23:59)');
      if (end === null)
        issues.error(`${rangePath}.end`, 'invalid_working_hours', 'end must be HH:MM (00:01–24:00)');
      if (start !== null && end !== null && end <= start) {
        issues.error(
          `${rangePath}.end`,
          'invalid_working_hours',
          'end must be after start; split an overnight shift into two ranges on two days',
        );
      }
    });
  }
}

function checkOutOfOffice(issues: IssueCollector, rep: Rep, path: string): void {
  const windows = rep.outOfOffice;
  if (windows === undefined) return;
  if (!Array.isArray(windows)) {
    issues.error(path, 'invalid_out_of_office', 'must be a list of { start, end } windows');
    return;
  }
  windows.forEach((window, index) => {
    const windowPath = `${path}[${index}]`;
    const start = typeof window.start === 'string' ? parseIsoInstant(window.start) : null;
    const end = typeof window.end === 'string' ? parseIsoInstant(window.end) : null;
    if (start === null)
      issues.error(
        `${windowPath}.start`,
        'invalid_out_of_office',
        'start must be an ISO instant with offset',
      );
    if (end === null)
      issues.error(`${windowPath}.end`, 'invalid_out_of_office', 'end must be an ISO instant with offset');
    if (start !== null && end !== null && end <= start) {
      issues.error(`${windowPath}.end`, 'invalid_out_of_office', 'end must be after start');
    }
  });
}

function checkCap(issues: IssueCollector, path: string, cap: unknown): void {
  if (cap === undefined || cap === null) return;
  if (typeof cap !== 'number' || !Number.isInteger(cap) || cap < 0) {
    issues.error(path, 'invalid_cap', 'cap must be a whole number ≥ 0, or null for no cap');
  }
}

export function collectRepIssues(issues: IssueCollector, reps: readonly Rep[]): void {
  const firstRepWithId = new Map<string, number>();
  const ownerOfId = new Map<string, string>();
  reps.forEach((rep, index) => {
    const path = `reps[${index}]`;
    if (!isNonEmptyString(rep.id)) {
      issues.error(`${path}.id`, 'invalid_id', 'rep id must be a non-empty string');
    } else if (firstRepWithId.has(rep.id)) {
      issues.error(
        `${path}.id`,
        'duplicate_rep_id',
        `rep id "${rep.id}" is also used by reps[${firstRepWithId.get(rep.id)}]`,
      );
    } else {
      firstRepWithId.set(rep.id, index);
    }
    if (typeof rep.active !== 'boolean')
      issues.error(`${path}.active`, 'invalid_flag', 'active must be true or false');
    if (rep.availability !== 'available' && rep.availability !== 'unavailable') {
      issues.error(
        `${path}.availability`,
        'invalid_flag',
        'availability must be "available" or "unavailable"',
      );
    }
    if (!isValidTimeZone(rep.timeZone)) {
      issues.error(
        `${path}.timeZone`,
        'invalid_time_zone',
        `"${String(rep.timeZone)}" is not an IANA time zone`,
      );
    }
    checkWorkingHours(issues, rep, `${path}.workingHours`);
    checkOutOfOffice(issues, rep, `${path}.outOfOffice`);
    checkCap(issues, `${path}.dailyCap`, rep.dailyCap);
    checkCap(issues, `${path}.openCap`, rep.openCap);
    checkTags(issues, `${path}.skills`, rep.skills);
    checkTags(issues, `${path}.territories`, rep.territories);
    const ownerIds: unknown = rep.crmOwnerIds;
    if (typeof ownerIds !== 'object' || ownerIds === null || Array.isArray(ownerIds)) {
      issues.error(
        `${path}.crmOwnerIds`,
        'invalid_owner_ids',
        'crmOwnerIds must map connection ids to owner ids',
      );
      return;
    }
    for (const [connectionId, ownerId] of Object.entries(ownerIds as Record<string, unknown>)) {
      const ownerPath = `${path}.crmOwnerIds${propertyPath(connectionId)}`;
      if (!isNonEmptyString(ownerId)) {
        issues.error(ownerPath, 'invalid_owner_ids', 'owner id must be a non-empty string');
        continue;
      }
      // Two reps with one CRM owner would make "keep the existing owner" ambiguous.
      const key = `${connectionId}\u0000${ownerId}`;
      const other = ownerOfId.get(key);
      if (other !== undefined) {
        issues.error(
          ownerPath,
          'duplicate_owner_id',
          `owner id "${ownerId}" on "${connectionId}" also belongs to rep "${other}"`,
        );
      } else {
        ownerOfId.set(key, rep.id);
      }
    }
  });
}

/** Checks every rep: flags, time zone, working hours, out-of-office windows, caps and owner ids. */
export function validateReps(reps: readonly Rep[]): ValidationResult {
  const issues = new IssueCollector();
  collectRepIssues(issues, reps);
  return issues.result();
}

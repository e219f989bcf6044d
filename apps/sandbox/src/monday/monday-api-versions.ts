/**
 * Monday API versions as the sandbox serves them. Versions rotate quarterly (YYYY-01/04/07/10);
 * 2026-10 is current. Unpinned callers get the current version; a well-formed version older than
 * the maintenance one is routed to maintenance (as Monday routes deprecated versions); anything
 * else is refused with `InvalidVersionException`.
 */
export interface ApiVersion {
  value: string;
  kind: 'deprecated' | 'maintenance' | 'current' | 'release_candidate';
  display_name: string;
}

export const API_VERSIONS: readonly ApiVersion[] = [
  { value: '2026-04', kind: 'deprecated', display_name: '2026-04' },
  { value: '2026-07', kind: 'maintenance', display_name: '2026-07' },
  { value: '2026-10', kind: 'current', display_name: '2026-10' },
  { value: '2027-01', kind: 'release_candidate', display_name: '2027-01' },
];

export const CURRENT_API_VERSION = '2026-10';
const MAINTENANCE = '2026-07';

const ALIASES: Record<string, string> = {
  current: CURRENT_API_VERSION,
  maintenance: MAINTENANCE,
  release_candidate: '2027-01',
  dev: '2027-01',
  deprecated: '2026-04',
};

export function resolveApiVersion(
  requested: string | undefined,
): { ok: true; version: ApiVersion } | { ok: false } {
  const wanted = requested?.trim() || CURRENT_API_VERSION;
  const value = ALIASES[wanted] ?? wanted;
  const known = API_VERSIONS.find((v) => v.value === value);
  if (known) return { ok: true, version: known.kind === 'deprecated' ? versionOf(MAINTENANCE) : known };
  if (/^\d{4}-(01|04|07|10)$/.test(value) && value < MAINTENANCE)
    return { ok: true, version: versionOf(MAINTENANCE) };
  return { ok: false };
}

function versionOf(value: string): ApiVersion {
  return API_VERSIONS.find((v) => v.value === value)!;
}

/**
 * `admin` does everything; `operator` reads everything and runs operational actions (replay,
 * pause); `viewer` only reads. Each role includes the ones below it.
 */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function roleSatisfies(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}

/** Prisma error codes we react to; see https://www.prisma.io/docs/orm/reference/error-reference. */
function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/** P2025: the record to update/delete was not found (for us, also "belongs to another tenant"). */
export function isNotFoundError(error: unknown): boolean {
  return codeOf(error) === 'P2025';
}

export function isUniqueViolation(error: unknown): boolean {
  // P2002 from Prisma, 23505 from node-postgres.
  const code = codeOf(error);
  return code === 'P2002' || code === '23505';
}

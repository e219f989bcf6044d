/**
 * Serialises writes to one tenant's routing configuration (pools, reps, rule-set publishes) for
 * the rest of the transaction. Validation reads the whole configuration, so two concurrent writes
 * that are each valid alone (A falls back to B, B falls back to A; a publish naming a pool that is
 * being deleted) must not both commit.
 */
export async function lockRoutingConfig(
  tx: { $executeRaw(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<number> },
  tenantId: string,
): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`routing-config:${tenantId}`}, 0))`;
}

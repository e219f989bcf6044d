/** Mappings the benchmarks publish instead of a connection's suggested one. */
import type { Stack } from './stack';

interface MappingField {
  target: string;
  sources: { kind: string; object?: string }[];
}

/** Keeps the fields the lead itself carries: no association or associated-record reads. */
export async function publishLeadOnlyMapping(stack: Stack): Promise<void> {
  const path = `/v1/connections/${stack.hubspot.connectionId}/mapping`;
  const draft = await stack.api<{ mapping: { fields: MappingField[] } & Record<string, unknown> }>(
    'GET',
    `${path}/draft`,
  );
  const fields = draft.mapping.fields.filter((f) =>
    f.sources.every((source) => source.kind !== 'property' || source.object === 'lead'),
  );
  await stack.api('PUT', `${path}/draft`, { ...draft.mapping, fields });
  await stack.api('POST', `${path}/publish`);
}

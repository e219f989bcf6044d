import type { RecordReadOptions } from '@leadflow/crm';
import type { FieldMappingInput } from '@leadflow/field-mapping';

type MappingObject = 'lead' | 'contact' | 'company' | 'deal';

/** Associated objects a mapping may read: one it does not read must not be fetched at all. */
const ASSOCIATED: readonly MappingObject[] = ['contact', 'company', 'deal'];

/**
 * Which properties of which object a mapping reads, so the CRM is asked for exactly those. An
 * associated object the mapping never names is asked for with no properties, which adapters read as
 * "skip it" — otherwise they would fall back to their default set and spend association and record
 * reads on data nothing uses.
 */
export function readOptionsFor(mapping: FieldMappingInput): RecordReadOptions {
  const byObject = new Map<MappingObject, Set<string>>();
  for (const rule of mapping.fields ?? []) {
    for (const source of rule.sources ?? []) {
      if (source.kind !== 'property') continue;
      const set = byObject.get(source.object) ?? new Set<string>();
      set.add(source.name);
      byObject.set(source.object, set);
    }
  }
  const properties: Partial<Record<MappingObject, string[]>> = {};
  for (const object of ASSOCIATED) properties[object] = [];
  for (const [object, names] of byObject) properties[object] = [...names];
  return { properties };
}

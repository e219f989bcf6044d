import type { RecordReadOptions } from '@leadflow/crm';
import type { FieldMappingInput } from '@leadflow/field-mapping';

type MappingObject = 'lead' | 'contact' | 'company' | 'deal';

/** Which properties of which object a mapping reads, so the CRM is asked for exactly those. */
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
  for (const [object, names] of byObject) properties[object] = [...names];
  return { properties };
}

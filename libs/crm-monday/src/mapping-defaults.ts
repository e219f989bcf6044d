import {
  type DiscoveredField,
  type FieldMapping,
  type FieldMappingInput,
  type FieldRuleInput,
  fieldMappingSchema,
  suggestMapping,
} from '@leadflow/field-mapping';
import { MONDAY_ITEMS } from './descriptor';

/**
 * The mapping a Monday connection starts with, built from the chosen board's columns: a board is the
 * admin's own design, so there is no fixed default as for HubSpot's standard properties.
 *
 * Columns whose type says what they hold are taken by type (an email, phone, country or status column;
 * a link titled like a website), the best-titled one when a board has several. The item name gives
 * the full, first and last name. The existing owner is the record's owner, which the adapter reads
 * from the connection's owner column (`ownerColumnId`), so the mapping and the write-back agree on
 * one People column. Everything else (company, region, industry, source, amount) is left to
 * field-mapping's suggester, which matches column titles, and the status parity comes from the
 * status column's labels (labels Monday marks done are won; others by their wording, else open).
 * The admin reviews all of it in the wizard.
 */
export function mondayDefaultMapping(fields: readonly DiscoveredField[]): FieldMapping {
  const suggestion = suggestMapping(fields, mondayTypedRules(fields), { recordObject: 'lead' });
  // Valid by construction (mapping-defaults.spec.ts checks it with `validate`); parsing fills defaults
  // and makes a broken rule fail here, in the wizard, rather than on the first lead.
  return fieldMappingSchema.parse(suggestion.mapping);
}

/** The adapter's default mapping for a routed object type; Monday routes board items only. */
export function mondayDefaultMappingFor(
  objectType: string,
  fields: readonly DiscoveredField[] | undefined,
): FieldMapping | undefined {
  if (objectType !== MONDAY_ITEMS || fields === undefined || fields.length === 0) return undefined;
  return mondayDefaultMapping(fields);
}

const column = (id: string) => ({ kind: 'column', id }) as const;
const item = (name: string) => ({ kind: 'property', object: 'lead', name }) as const;

/** The rules that follow from column types and item fields; the suggester keeps those whose sources exist. */
export function mondayTypedRules(fields: readonly DiscoveredField[]): FieldMappingInput {
  const columns = fields.filter((f) => f.object === 'column');
  const hasItemField = (name: string) => fields.some((f) => f.object === 'lead' && f.name === name);
  const email = pick(columns, ['email'], ['email', 'e mail', 'email address', 'work email']);
  const phone = pick(columns, ['phone'], ['phone', 'phone number', 'mobile', 'telephone']);
  const country = pick(columns, ['country'], ['country']);
  const status = pick(columns, ['status'], ['status', 'lead status', 'stage', 'lead stage']);
  const website = pick(columns, ['link'], ['website', 'web site', 'domain', 'company website', 'url'], true);

  const rules: FieldRuleInput[] = [
    { target: 'externalId', sources: [{ kind: 'record', field: 'externalId' }], required: true },
  ];
  if (hasItemField('name')) {
    rules.push(
      { target: 'fullName', sources: [item('name')], transforms: [{ type: 'trim' }] },
      { target: 'firstName', sources: [item('name')], transforms: [{ type: 'split_name', part: 'first' }] },
      { target: 'lastName', sources: [item('name')], transforms: [{ type: 'split_name', part: 'last' }] },
    );
  }
  if (email !== undefined) {
    rules.push({
      target: 'email',
      sources: [column(email.name)],
      transforms: [{ type: 'trim' }, { type: 'lower' }],
    });
  }
  const domainSources = [website, email].flatMap((f) => (f === undefined ? [] : [column(f.name)]));
  if (domainSources.length > 0) {
    rules.push({ target: 'domain', sources: domainSources, transforms: [{ type: 'email_to_domain' }] });
  }
  if (phone !== undefined) {
    rules.push({ target: 'phone', sources: [column(phone.name)], transforms: [{ type: 'phone_e164' }] });
  }
  // The column reader gives a country column's ISO code already.
  if (country !== undefined) rules.push({ target: 'country', sources: [column(country.name)] });
  if (status !== undefined) rules.push({ target: 'status', sources: [column(status.name)] });
  rules.push({ target: 'existingOwnerId', sources: [{ kind: 'record', field: 'ownerId' }] });
  rules.push({
    target: 'createdAt',
    sources: [
      ...(hasItemField('created_at') ? [item('created_at')] : []),
      { kind: 'record', field: 'createdAt' },
    ],
  });
  return { fields: rules, statusParity: { entries: [], default: 'open' } };
}

/**
 * The column of one of `types` whose title best matches a synonym (exact, then containing it); the
 * first of those types when no title matches, unless `titleRequired` (a link column is a website only
 * if it says so).
 */
function pick(
  columns: readonly DiscoveredField[],
  types: readonly string[],
  synonyms: readonly string[],
  titleRequired = false,
): DiscoveredField | undefined {
  const candidates = columns.filter((c) => types.includes(c.type));
  const title = (c: DiscoveredField) => normalized(c.label);
  const exact = candidates.find((c) => synonyms.includes(title(c)));
  if (exact !== undefined) return exact;
  const containing = candidates.find((c) => synonyms.some((s) => title(c).includes(s)));
  if (containing !== undefined) return containing;
  return titleRequired ? undefined : candidates[0];
}

function normalized(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

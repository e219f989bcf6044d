import { type CanonicalFieldKey } from './canonical-lead';
import { type ValueKind } from './value-kind';

export interface TargetProfile {
  synonyms: readonly string[];
  kinds: readonly ValueKind[];
  /** Provider types that make a match more likely (an `email` column for the email field). */
  types?: readonly string[];
  /** Objects where this field usually lives, most likely first. */
  objects?: readonly string[];
  /** Objects it can only come from (Monday columns are always allowed): a company's "Name" is no person's name. */
  onlyObjects?: readonly string[];
}

const PERSON_OBJECTS = ['lead', 'contact'];

// Canonical fields a suggestion may fill by similarity; externalId, currency and domain are handled apart.
export const TARGET_PROFILES: Partial<Record<CanonicalFieldKey, TargetProfile>> = {
  email: {
    synonyms: ['email', 'e mail', 'email address', 'work email', 'business email'],
    kinds: ['text'],
    types: ['email'],
    objects: PERSON_OBJECTS,
  },
  firstName: {
    synonyms: ['first name', 'firstname', 'given name', 'forename'],
    kinds: ['text'],
    objects: PERSON_OBJECTS,
    onlyObjects: PERSON_OBJECTS,
  },
  lastName: {
    synonyms: ['last name', 'lastname', 'surname', 'family name'],
    kinds: ['text'],
    objects: PERSON_OBJECTS,
    onlyObjects: PERSON_OBJECTS,
  },
  fullName: {
    synonyms: ['full name', 'name', 'contact name', 'item name', 'person name'],
    kinds: ['text'],
    objects: PERSON_OBJECTS,
    onlyObjects: PERSON_OBJECTS,
  },
  phone: {
    synonyms: ['phone', 'phone number', 'mobile', 'mobile phone', 'mobilephone', 'telephone', 'tel', 'cell'],
    kinds: ['text', 'number'],
    types: ['phone', 'phone_number'],
    objects: PERSON_OBJECTS,
  },
  company: {
    synonyms: [
      'company',
      'company name',
      'organization',
      'organisation',
      'account',
      'account name',
      'business name',
    ],
    kinds: ['text'],
    objects: ['company', 'lead', 'contact'],
  },
  domain: {
    synonyms: ['domain', 'website', 'company domain', 'web site', 'url', 'website url'],
    kinds: ['text'],
    types: ['link'],
    objects: ['company'],
  },
  country: {
    synonyms: ['country', 'country region', 'nation'],
    kinds: ['text'],
    types: ['country'],
    objects: PERSON_OBJECTS,
  },
  region: {
    synonyms: ['region', 'state', 'state region', 'province', 'territory', 'sales region'],
    kinds: ['text'],
    objects: PERSON_OBJECTS,
  },
  industry: { synonyms: ['industry', 'sector', 'vertical'], kinds: ['text'], objects: ['company'] },
  source: {
    synonyms: ['source', 'lead source', 'original source', 'analytics source', 'utm source', 'channel'],
    kinds: ['text'],
  },
  amount: {
    synonyms: ['amount', 'deal amount', 'deal value', 'value', 'budget', 'deal size', 'opportunity size'],
    kinds: ['number', 'text'],
    types: ['number', 'numbers'],
    objects: ['deal', 'lead'],
  },
  status: {
    synonyms: ['status', 'lead status', 'stage', 'deal stage', 'dealstage', 'pipeline stage', 'lead stage'],
    kinds: ['text'],
    types: ['status', 'enumeration'],
    objects: ['lead', 'deal'],
  },
  existingOwnerId: {
    synonyms: [
      'owner',
      'lead owner',
      'contact owner',
      'deal owner',
      'owner id',
      'assignee',
      'assigned to',
      'sales rep',
      'person',
    ],
    kinds: ['text', 'list'],
    types: ['people', 'multiple-person'],
  },
  createdAt: {
    synonyms: [
      'create date',
      'created',
      'created at',
      'createdate',
      'creation date',
      'date created',
      'creation log',
    ],
    kinds: ['date', 'text'],
    types: ['date', 'datetime', 'creation_log'],
  },
};

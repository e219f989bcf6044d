import { COUNTRIES } from './countries';

/**
 * Folds the ways people write a country onto one key: case, accents, punctuation, "&" for "and",
 * "St." for "Saint", a leading "The". "Côte d’Ivoire", "COTE D'IVOIRE" and "cote divoire" meet.
 */
export function countryNameKey(text: string): string {
  const words = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word !== '')
    .map((word) => (word === 'st' ? 'saint' : word));
  if (words[0] === 'the' && words.length > 1) words.shift();
  return words.join(' ');
}

const ALPHA2: ReadonlySet<string> = new Set(COUNTRIES.map(([alpha2]) => alpha2));
const ALPHA3_TO_ALPHA2: ReadonlyMap<string, string> = new Map(
  COUNTRIES.map(([alpha2, alpha3]) => [alpha3, alpha2]),
);
const NAME_TO_ALPHA2: ReadonlyMap<string, string> = buildNameIndex();
const ALPHA2_TO_NAME: ReadonlyMap<string, string> = new Map(
  COUNTRIES.map(([alpha2, , name]) => [alpha2, name]),
);

function buildNameIndex(): Map<string, string> {
  const index = new Map<string, string>();
  for (const [alpha2, , name, ...aliases] of COUNTRIES) {
    for (const text of [name, ...aliases]) index.set(countryNameKey(text), alpha2);
  }
  return index;
}

export function isCountryCode(code: string): boolean {
  return ALPHA2.has(code);
}

export function countryName(alpha2: string): string | undefined {
  return ALPHA2_TO_NAME.get(alpha2);
}

export const COUNTRY_CODES: readonly string[] = COUNTRIES.map(([alpha2]) => alpha2);

/**
 * ISO 3166-1 alpha-2 for a code (alpha-2 or alpha-3, any case) or an English, former or native
 * name; null when nothing matches. Codes are tried before names so "IN" is India, not the word.
 */
export function countryCodeFor(text: string): string | null {
  const trimmed = text.trim();
  const upper = trimmed.toUpperCase();
  if (/^[A-Z]{2}$/i.test(trimmed) && ALPHA2.has(upper)) return upper;
  if (/^[A-Z]{3}$/i.test(trimmed)) {
    const fromAlpha3 = ALPHA3_TO_ALPHA2.get(upper);
    if (fromAlpha3 !== undefined) return fromAlpha3;
  }
  return NAME_TO_ALPHA2.get(countryNameKey(trimmed)) ?? null;
}

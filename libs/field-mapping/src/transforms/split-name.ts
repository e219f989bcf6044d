import { failed, type TextOutcome } from './transform-outcome';

const HONORIFICS = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'sir',
  'madam',
  'mme',
  'mlle',
  'herr',
  'frau',
]);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'esq', 'mba', 'cpa']);
// Surname particles: "Ludwig van Beethoven" has the last name "van Beethoven".
const PARTICLES = new Set([
  'van',
  'von',
  'de',
  'der',
  'den',
  'del',
  'della',
  'da',
  'di',
  'du',
  'la',
  'le',
  'dos',
  'das',
  'bin',
  'ibn',
  'al',
  'ter',
  'ten',
  'st',
  'st.',
]);

function bare(word: string): string {
  return word.toLowerCase().replace(/[.,]/g, '');
}

function dropAffixes(words: string[]): string[] {
  let start = 0;
  let end = words.length;
  while (end - start > 1 && HONORIFICS.has(bare(words[start] ?? ''))) start += 1;
  while (end - start > 1 && SUFFIXES.has(bare(words[end - 1] ?? ''))) end -= 1;
  return words
    .slice(start, end)
    .map((word, index, kept) => (index === kept.length - 1 ? word.replace(/,$/, '') : word));
}

export interface NameParts {
  first: string | null;
  last: string | null;
}

/**
 * Splits a displayed name. Handles "Last, First", honorifics (Dr., Ms.), suffixes (Jr., PhD) and
 * surname particles (van, de la). A single word is a first name. Middle names stay with the first
 * name, which is how HubSpot and most forms store them.
 */
export function splitFullName(text: string): NameParts | null {
  const cleaned = text.replace(/\s+/g, ' ').trim();
  if (cleaned === '') return { first: null, last: null };
  if (cleaned.includes('@') || !/\p{L}/u.test(cleaned)) return null;

  const commaAt = cleaned.indexOf(',');
  if (commaAt >= 0) {
    const before = cleaned.slice(0, commaAt).trim();
    const after = cleaned.slice(commaAt + 1).trim();
    const afterWords = after.split(' ').filter((word) => word !== '');
    const afterIsSuffix = afterWords.length > 0 && afterWords.every((word) => SUFFIXES.has(bare(word)));
    if (!afterIsSuffix) {
      const firstWords = dropAffixes(afterWords);
      return {
        first: firstWords.length > 0 ? firstWords.join(' ') : null,
        last: before === '' ? null : before,
      };
    }
    return splitFullName(before);
  }

  const words = dropAffixes(cleaned.split(' '));
  if (words.length === 1) return { first: words[0] ?? null, last: null };
  let lastStart = words.length - 1;
  for (let index = 1; index < words.length - 1; index += 1) {
    if (PARTICLES.has((words[index] ?? '').toLowerCase())) {
      lastStart = index;
      break;
    }
  }
  return { first: words.slice(0, lastStart).join(' '), last: words.slice(lastStart).join(' ') };
}

export function splitNamePart(text: string, part: 'first' | 'last'): TextOutcome {
  const parts = splitFullName(text);
  if (parts === null)
    return failed('not_a_name', `${JSON.stringify(text)} does not look like a person's name`);
  return { ok: true, value: part === 'first' ? parts.first : parts.last };
}

import { type DiscoveredField } from './discovered-field';

// Words CRMs prefix their own property names with; they say nothing about meaning.
const NOISE_WORDS = new Set(['hs']);

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '' && !NOISE_WORDS.has(word));
}

function bigrams(text: string): string[] {
  const compact = text.replace(/\s+/g, '');
  const grams: string[] = [];
  for (let index = 0; index < compact.length - 1; index += 1) grams.push(compact.slice(index, index + 2));
  return grams;
}

/** Sørensen–Dice over letter pairs: forgiving of "E-mail" vs "email", strict enough for "region" vs "religion". */
function diceSimilarity(a: string, b: string): number {
  const left = bigrams(a);
  const right = bigrams(b);
  if (left.length === 0 || right.length === 0) return a.replace(/\s+/g, '') === b.replace(/\s+/g, '') ? 1 : 0;
  const pool = [...right];
  let shared = 0;
  for (const gram of left) {
    const at = pool.indexOf(gram);
    if (at >= 0) {
      shared += 1;
      pool.splice(at, 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}

export interface NameMatch {
  score: number;
  reason: string;
}

export function nameMatch(field: DiscoveredField, synonyms: readonly string[]): NameMatch | null {
  let best: NameMatch | null = null;
  const consider = (score: number, reason: string): void => {
    if (best === null || score > best.score) best = { score, reason };
  };
  for (const [what, text] of [
    ['label', field.label],
    ['name', field.name],
  ] as const) {
    const phrase = words(text).join(' ');
    if (phrase === '') continue;
    for (const synonym of synonyms) {
      if (phrase === synonym) consider(0.8, `${what} "${text}" is "${synonym}"`);
      else if (
        synonym.split(' ').every((word) => phrase.split(' ').includes(word)) &&
        synonym.includes(' ')
      ) {
        consider(0.65, `${what} "${text}" contains "${synonym}"`);
      } else {
        const similarity = diceSimilarity(phrase, synonym);
        if (similarity >= 0.8) consider(0.6 * similarity, `${what} "${text}" resembles "${synonym}"`);
      }
    }
  }
  return best;
}

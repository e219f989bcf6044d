import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `lf_<prefix>_<secret>`: the prefix (10 chars) finds the row and is safe to
 * show in lists and logs; the secret (43 chars) is 256 bits of randomness and is never stored.
 * Because the key is random rather than chosen by a person, SHA-256 is the right hash: a slow
 * password hash would add latency to every request without adding security (docs/adr/0003).
 */

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const PREFIX_LENGTH = 10;
const SECRET_LENGTH = 43; // 43 base62 chars ≈ 256 bits
const KEY_PATTERN = new RegExp(`^lf_([0-9a-z]{${PREFIX_LENGTH}})_([0-9A-Za-z]{${SECRET_LENGTH}})$`);

/** Unbiased base62 via rejection sampling (256 % 62 != 0). */
function randomString(length: number, alphabet: string): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < alphabet.length * Math.floor(256 / alphabet.length)) out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

export interface NewApiKey {
  /** The whole key, shown to the user once. */
  plaintext: string;
  prefix: string;
  secretHash: string;
}

export function generateApiKey(): NewApiKey {
  const prefix = randomString(PREFIX_LENGTH, ALPHABET.slice(0, 36));
  const plaintext = `lf_${prefix}_${randomString(SECRET_LENGTH, ALPHABET)}`;
  return { plaintext, prefix, secretHash: hashApiKey(plaintext) };
}

export function hashApiKey(plaintext: string): string {
  return createHash('sha256').update(plaintext).digest('hex');
}

/** Returns the prefix of a well-formed key, or undefined. Does not check the secret. */
export function parseApiKey(candidate: string): { prefix: string } | undefined {
  const match = KEY_PATTERN.exec(candidate);
  return match ? { prefix: match[1]! } : undefined;
}

export function apiKeyMatches(plaintext: string, storedHash: string): boolean {
  const actual = Buffer.from(hashApiKey(plaintext), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Constant-time comparison of two secrets of any length (e.g. the bootstrap token). */
export function secretsEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

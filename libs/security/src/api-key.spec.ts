import { describe, expect, it } from 'vitest';
import { apiKeyMatches, generateApiKey, hashApiKey, parseApiKey, secretsEqual } from './api-key';
import { roleSatisfies } from './roles';

describe('API keys', () => {
  it('generates keys of the documented shape whose prefix parses back', () => {
    const key = generateApiKey();
    expect(key.plaintext).toMatch(/^lf_[0-9a-z]{10}_[0-9A-Za-z]{43}$/);
    expect(parseApiKey(key.plaintext)).toEqual({ prefix: key.prefix });
    expect(key.secretHash).toBe(hashApiKey(key.plaintext));
    expect(key.secretHash).not.toContain(key.plaintext.slice(14));
  });

  it('never repeats a key', () => {
    const keys = new Set(Array.from({ length: 500 }, () => generateApiKey().plaintext));
    expect(keys.size).toBe(500);
  });

  it('rejects malformed keys', () => {
    for (const bad of [
      '',
      'lf_',
      'lf_abc_def',
      'Bearer x',
      `lf_ABCDEFGHIJ_${'a'.repeat(43)}`,
      `lf_abcdefghij_${'a'.repeat(42)}`,
    ]) {
      expect(parseApiKey(bad)).toBeUndefined();
    }
  });

  it('matches only the key it was made from', () => {
    const key = generateApiKey();
    const other = generateApiKey();
    expect(apiKeyMatches(key.plaintext, key.secretHash)).toBe(true);
    expect(apiKeyMatches(other.plaintext, key.secretHash)).toBe(false);
    expect(apiKeyMatches(key.plaintext, 'abc')).toBe(false);
  });

  it('compares secrets of different lengths without throwing', () => {
    expect(secretsEqual('a'.repeat(40), 'a'.repeat(40))).toBe(true);
    expect(secretsEqual('a'.repeat(40), 'a')).toBe(false);
  });

  it('orders roles admin > operator > viewer', () => {
    expect(roleSatisfies('admin', 'operator')).toBe(true);
    expect(roleSatisfies('operator', 'viewer')).toBe(true);
    expect(roleSatisfies('viewer', 'operator')).toBe(false);
    expect(roleSatisfies('operator', 'admin')).toBe(false);
  });
});

import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { TokenVault, type TokenContext } from './token-vault';
import { VaultError, type VaultErrorCode } from './token-vault-error';

const ROW: TokenContext = { tenantId: 'tenant_a', recordId: 'conn_1', field: 'crm_connection.access_token' };
const SECRET = 'pat-na1-0f3c9a51-secret-access-token';
const ENVELOPE_SHAPE = /^v1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{22}$/;

/** Every key a test creates, so error messages can be checked for key material. */
const keyMaterial: Buffer[] = [];

function newKey(bytes = 32): Buffer {
  const key = randomBytes(bytes);
  keyMaterial.push(key);
  return key;
}

const OLD = { id: 'k2024', key: newKey() };
const NEW = { id: 'k2025', key: newKey() };

/** Fails when an error shows the plaintext or any key's bytes, in any common encoding. */
function expectNoSecrets(error: Error): void {
  const shown = [error.message, error.stack ?? '', JSON.stringify(error), inspect(error)].join('\n');
  expect(shown).not.toContain(SECRET);
  for (const key of keyMaterial) {
    for (const encoding of ['hex', 'base64', 'base64url'] as const) {
      expect(shown).not.toContain(key.toString(encoding).slice(0, 16));
    }
  }
}

/** Runs `run`, expects a VaultError with `code`, and checks it leaks nothing secret. */
function vaultError(run: () => unknown, code: VaultErrorCode): VaultError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(VaultError);
    const vaultErr = error as VaultError;
    expect(vaultErr.code).toBe(code);
    expectNoSecrets(vaultErr);
    return vaultErr;
  }
  throw new Error(`expected VaultError ${code}, but nothing was thrown`);
}

/** Envelope with bit `bit` of byte `byte` flipped in part `part` (2 iv, 3 ciphertext, 4 tag). */
function flipBit(envelope: string, part: 2 | 3 | 4, byte: number, bit: number): string {
  const parts = envelope.split('.');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[byte]! ^= 1 << bit;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('TokenVault key ring', () => {
  it('refuses an empty ring, duplicate ids, bad ids and keys that are not 32 bytes', () => {
    vaultError(() => new TokenVault([]), 'empty_key_ring');
    const duplicate = vaultError(
      () => new TokenVault([OLD, { id: OLD.id, key: NEW.key }]),
      'duplicate_key_id',
    );
    expect(duplicate.keyIds).toEqual([OLD.id]);
    expect(duplicate.message).toContain(OLD.id);
    vaultError(() => new TokenVault([{ id: 'has.dot', key: NEW.key }]), 'invalid_key');
    vaultError(() => new TokenVault([{ id: '', key: NEW.key }]), 'invalid_key');
    vaultError(() => new TokenVault([{ id: 'short', key: newKey(16) }]), 'invalid_key');
    vaultError(() => new TokenVault([NEW, { id: 'long', key: newKey(33) }]), 'invalid_key');
  });

  it('uses the first key as the active one and lists the ring in order', () => {
    const vault = new TokenVault([NEW, OLD]);
    expect(vault.activeKeyId).toBe(NEW.id);
    expect(vault.keyIds).toEqual([NEW.id, OLD.id]);
    expect(vault.keyIdOf(vault.encrypt(SECRET, ROW))).toBe(NEW.id);
  });

  it('copies key bytes and never shows them when inspected or serialised', () => {
    const key = Buffer.from(NEW.key);
    const vault = new TokenVault([{ id: 'copied', key }]);
    const envelope = vault.encrypt(SECRET, ROW);
    key.fill(0);
    expect(vault.decrypt(envelope, ROW)).toBe(SECRET);
    for (const shown of [inspect(vault, { depth: 10, showHidden: true }), JSON.stringify(vault)]) {
      expect(shown).not.toContain(NEW.key.toString('hex'));
      expect(shown).not.toContain(NEW.key.toString('base64'));
    }
  });
});

describe('TokenVault encrypt / decrypt', () => {
  const vault = new TokenVault([NEW, OLD]);

  it('round-trips the empty string, ASCII and a 10 kB Unicode string', () => {
    const unicode = 'é✓ 漢字 🚀👩🏽‍💻 Ωmega\n\u0000'.repeat(400).slice(0, 10_000);
    expect(Buffer.byteLength(unicode)).toBeGreaterThan(10_000);
    for (const plaintext of ['', SECRET, unicode]) {
      const envelope = vault.encrypt(plaintext, ROW);
      expect(envelope).toMatch(ENVELOPE_SHAPE);
      expect(vault.decrypt(envelope, ROW)).toBe(plaintext);
    }
  });

  it('gives a different envelope (and IV) each time for the same plaintext and row', () => {
    const envelopes = Array.from({ length: 50 }, () => vault.encrypt(SECRET, ROW));
    expect(new Set(envelopes).size).toBe(50);
    expect(new Set(envelopes.map((e) => e.split('.')[2])).size).toBe(50);
  });

  it('still decrypts an envelope written by an earlier build (v1 format is stable)', () => {
    const golden = new TokenVault([{ id: 'golden', key: Buffer.alloc(32, 7) }]);
    const envelope = 'v1.golden.7GDOg2UOC93rjMtx.IdJq1HuMSqfEaTl7ke8lhugQCA.KLlJ2745WDWpwvXdKjxK0Q';
    const context = { tenantId: 't_1', recordId: 'conn_1', field: 'crm_connection.refresh_token' };
    expect(golden.decrypt(envelope, context)).toBe('refresh-token-é✓');
  });

  it('fails authentication when any bit of the iv, ciphertext or tag is flipped', () => {
    const envelope = vault.encrypt(SECRET, ROW);
    const sizes = { 2: 12, 3: Buffer.byteLength(SECRET), 4: 16 } as const;
    let flipped = 0;
    for (const part of [2, 3, 4] as const) {
      for (let byte = 0; byte < sizes[part]; byte++) {
        for (let bit = 0; bit < 8; bit++) {
          const tampered = flipBit(envelope, part, byte, bit);
          expect(tampered).not.toBe(envelope);
          vaultError(() => vault.decrypt(tampered, ROW), 'authentication_failed');
          flipped++;
        }
      }
    }
    expect(flipped).toBe((12 + Buffer.byteLength(SECRET) + 16) * 8);
  });

  it('fails authentication when ciphertext is truncated or extended', () => {
    const [v, kid, iv, ct, tag] = vault.encrypt(SECRET, ROW).split('.') as [
      string,
      string,
      string,
      string,
      string,
    ];
    const bytes = Buffer.from(ct, 'base64url');
    for (const changed of [
      bytes.subarray(1),
      bytes.subarray(0, -1),
      Buffer.concat([bytes, Buffer.from([0])]),
    ]) {
      const tampered = [v, kid, iv, changed.toString('base64url'), tag].join('.');
      vaultError(() => vault.decrypt(tampered, ROW), 'authentication_failed');
    }
  });

  it('fails authentication when the envelope is moved to another tenant, record or field', () => {
    const envelope = vault.encrypt(SECRET, ROW);
    for (const elsewhere of [
      { ...ROW, tenantId: 'tenant_b' },
      { ...ROW, recordId: 'conn_2' },
      { ...ROW, field: 'crm_connection.refresh_token' },
      { tenantId: ROW.recordId, recordId: ROW.tenantId, field: ROW.field },
    ]) {
      vaultError(() => vault.decrypt(envelope, elsewhere), 'authentication_failed');
    }
  });

  it('encodes the context unambiguously: ("ab","c") is not ("a","bc")', () => {
    const envelope = vault.encrypt(SECRET, { tenantId: 'ab', recordId: 'c', field: 'f' });
    vaultError(
      () => vault.decrypt(envelope, { tenantId: 'a', recordId: 'bc', field: 'f' }),
      'authentication_failed',
    );
    const empty = vault.encrypt(SECRET, { tenantId: '', recordId: 'x', field: '' });
    vaultError(
      () => vault.decrypt(empty, { tenantId: 'x', recordId: '', field: '' }),
      'authentication_failed',
    );
  });

  it('fails authentication with the wrong key material or a swapped key id', () => {
    const envelope = vault.encrypt(SECRET, ROW);
    const impostor = new TokenVault([{ id: NEW.id, key: newKey() }]);
    vaultError(() => impostor.decrypt(envelope, ROW), 'authentication_failed');
    const swapped = envelope.replace(`.${NEW.id}.`, `.${OLD.id}.`);
    vaultError(() => vault.decrypt(swapped, ROW), 'authentication_failed');
  });

  it('names an unknown key id without revealing key material', () => {
    const other = new TokenVault([{ id: 'retired', key: newKey() }]);
    const error = vaultError(() => vault.decrypt(other.encrypt(SECRET, ROW), ROW), 'unknown_key');
    expect(error.keyIds).toEqual(['retired']);
    expect(error.message).toContain('"retired"');
  });

  it('refuses malformed envelopes', () => {
    const [, kid, iv, ct, tag] = vault.encrypt(SECRET, ROW).split('.') as [
      string,
      string,
      string,
      string,
      string,
    ];
    const malformed = [
      '',
      'not-an-envelope',
      `v2.${kid}.${iv}.${ct}.${tag}`,
      `V1.${kid}.${iv}.${ct}.${tag}`,
      `${kid}.${iv}.${ct}.${tag}`,
      `v1.${kid}.${iv}.${ct}`,
      `v1.${kid}.${iv}.${ct}.${tag}.`,
      `v1..${iv}.${ct}.${tag}`,
      `v1.k!d.${iv}.${ct}.${tag}`,
      `v1.${kid}.${iv}.${ct}+/.${tag}`,
      `v1.${kid}.${iv}.${ct}.${tag}==`,
      `v1.${kid}.${iv}.${ct} .${tag}`,
      `v1.${kid}.${iv.slice(0, 12)}.${ct}.${tag}`,
      `v1.${kid}.${iv}.${ct}.${tag.slice(0, 20)}`,
      `v1.${kid}.${iv}.${ct}.${tag}AAAA`,
      `v1.${kid}.${iv}.${ct}.${tag.slice(0, -1)}_`, // non-canonical: unused trailing bits set
    ];
    for (const envelope of malformed) {
      vaultError(() => vault.decrypt(envelope, ROW), 'malformed_envelope');
      vaultError(() => vault.keyIdOf(envelope), 'malformed_envelope');
      vaultError(() => vault.needsRotation(envelope), 'malformed_envelope');
    }
    vaultError(() => vault.decrypt(undefined as unknown as string, ROW), 'malformed_envelope');
  });

  it('refuses plaintext or context that is not well-formed Unicode instead of altering it', () => {
    vaultError(() => vault.encrypt(`${SECRET}\uD800`, ROW), 'invalid_input');
    vaultError(() => vault.encrypt(SECRET, { ...ROW, recordId: '\uDC00' }), 'invalid_input');
    expect(vault.decrypt(vault.encrypt('ok 🚀', ROW), ROW)).toBe('ok 🚀');
  });
});

describe('TokenVault rotation', () => {
  it('moves a token from an old key to the new one', () => {
    const before = new TokenVault([OLD]);
    const during = new TokenVault([NEW, OLD]);
    const after = new TokenVault([NEW]);

    const stored = before.encrypt(SECRET, ROW);
    expect(before.needsRotation(stored)).toBe(false);
    expect(during.keyIdOf(stored)).toBe(OLD.id);
    expect(during.decrypt(stored, ROW)).toBe(SECRET);
    expect(during.needsRotation(stored)).toBe(true);

    const rotated = during.reencrypt(stored, ROW);
    expect(during.keyIdOf(rotated)).toBe(NEW.id);
    expect(during.needsRotation(rotated)).toBe(false);
    expect(after.decrypt(rotated, ROW)).toBe(SECRET);
    vaultError(() => after.decrypt(stored, ROW), 'unknown_key');
    vaultError(() => during.reencrypt(stored, { ...ROW, tenantId: 'tenant_b' }), 'authentication_failed');
  });

  it('checks at start-up that the ring holds every key id stored data uses', () => {
    const vault = new TokenVault([NEW, OLD]);
    expect(() => vault.assertRingCovers([])).not.toThrow();
    expect(() => vault.assertRingCovers(new Set([OLD.id, NEW.id, OLD.id]))).not.toThrow();

    const error = vaultError(
      () => vault.assertRingCovers([OLD.id, 'k2023', NEW.id, 'k2022', 'k2023']),
      'missing_keys',
    );
    expect(error.keyIds).toEqual(['k2022', 'k2023']);
    expect(error.message).toContain('"k2022", "k2023"');
    expect(error.message).not.toContain(OLD.id);
  });
});

describe('TokenVault properties', () => {
  const vault = new TokenVault([NEW, OLD]);
  const text = fc.string({ unit: 'binary', maxLength: 200 });
  const context = fc.record({ tenantId: text, recordId: text, field: text });

  it('decrypt(encrypt(x)) === x for any Unicode string and row', () => {
    fc.assert(
      fc.property(text, context, (plaintext, row) => {
        expect(vault.decrypt(vault.encrypt(plaintext, row), row)).toBe(plaintext);
      }),
      { numRuns: 100 },
    );
  });

  it('an envelope never decrypts under a different row', () => {
    fc.assert(
      fc.property(text, context, context, (plaintext, row, other) => {
        fc.pre(JSON.stringify(row) !== JSON.stringify(other));
        const envelope = vault.encrypt(plaintext, row);
        expect(() => vault.decrypt(envelope, other)).toThrow(VaultError);
      }),
      { numRuns: 100 },
    );
  });
});

describe('VaultError messages', () => {
  it('never contain the plaintext or key material, for every error code', () => {
    // Every vaultError(...) call in this file runs the same check; this test covers each code once.
    const vault = new TokenVault([NEW, OLD]);
    const envelope = vault.encrypt(SECRET, ROW);
    const failures: [VaultErrorCode, () => unknown][] = [
      ['empty_key_ring', () => new TokenVault([])],
      ['duplicate_key_id', () => new TokenVault([NEW, { id: NEW.id, key: OLD.key }])],
      ['invalid_key', () => new TokenVault([{ id: 'x', key: NEW.key.subarray(0, 31) }])],
      ['invalid_input', () => vault.encrypt(`${SECRET}\uDFFF`, ROW)],
      ['malformed_envelope', () => vault.decrypt(`v9${envelope.slice(2)}`, ROW)],
      ['unknown_key', () => new TokenVault([OLD]).decrypt(envelope, ROW)],
      ['authentication_failed', () => vault.decrypt(envelope, { ...ROW, field: 'other' })],
      ['authentication_failed', () => new TokenVault([{ id: NEW.id, key: OLD.key }]).decrypt(envelope, ROW)],
      ['missing_keys', () => vault.assertRingCovers(['gone'])],
    ];
    for (const [code, run] of failures) vaultError(run, code);

    // The check itself notices a leak.
    expect(() =>
      expectNoSecrets(new VaultError('unknown_key', `key ${NEW.key.toString('base64')}`)),
    ).toThrow();
    expect(() => expectNoSecrets(new VaultError('authentication_failed', `got ${SECRET}`))).toThrow();
  });
});

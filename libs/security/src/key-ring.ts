import type { EncryptionKey } from '@leadflow/config';
import { VaultError } from './token-vault-error';

/** Same rule as TOKEN_ENCRYPTION_KEYS in libs/config; it also keeps "." out of envelopes. */
const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const KEY_BYTES = 32; // AES-256

export function isValidKeyId(id: string): boolean {
  return KEY_ID_PATTERN.test(id);
}

/**
 * The parsed TOKEN_ENCRYPTION_KEYS ring: the first key encrypts, every key decrypts. Key bytes
 * are copied on construction (later changes to the caller's buffers have no effect) and kept in
 * a private field, so neither `JSON.stringify` nor `util.inspect` shows them.
 */
export class KeyRing {
  readonly #keys: ReadonlyMap<string, Buffer>;
  readonly #activeId: string;

  constructor(keys: readonly EncryptionKey[]) {
    const first = keys[0];
    if (!first) {
      throw new VaultError('empty_key_ring', 'the encryption key ring is empty; configure at least one key');
    }
    const ring = new Map<string, Buffer>();
    for (const { id, key } of keys) {
      if (!isValidKeyId(id)) {
        throw new VaultError(
          'invalid_key',
          'a key id is not 1-32 letters, digits, "_" or "-"',
          // An invalid id may be anything, so it is reported only when it is printable and short.
          /^[\x21-\x7e]{1,64}$/.test(id) ? [id] : [],
        );
      }
      if (ring.has(id)) {
        throw new VaultError('duplicate_key_id', `key id "${id}" appears more than once in the ring`, [id]);
      }
      if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
        throw new VaultError('invalid_key', `key "${id}" must be exactly ${KEY_BYTES} bytes`, [id]);
      }
      ring.set(id, Buffer.from(key));
    }
    this.#keys = ring;
    this.#activeId = first.id;
  }

  /** The id of the key new envelopes are encrypted with. */
  get activeId(): string {
    return this.#activeId;
  }

  /** Every key id in the ring, active first. */
  get ids(): string[] {
    return [...this.#keys.keys()];
  }

  has(id: string): boolean {
    return this.#keys.has(id);
  }

  /** The key bytes for `id`, or undefined. Callers must not log or keep them. */
  keyFor(id: string): Buffer | undefined {
    return this.#keys.get(id);
  }

  activeKey(): Buffer {
    return this.#keys.get(this.#activeId)!;
  }

  /** The distinct ids in `keyIdsInUse` that the ring lacks, sorted. */
  missing(keyIdsInUse: Iterable<string>): string[] {
    const missing = new Set<string>();
    for (const id of keyIdsInUse) if (!this.#keys.has(id)) missing.add(id);
    return [...missing].sort();
  }
}

import type { EncryptionKey } from '@leadflow/config';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KeyRing } from './key-ring';
import { ENVELOPE_VERSION, formatEnvelope, IV_BYTES, parseEnvelope, TAG_BYTES } from './token-vault-envelope';
import { VaultError } from './token-vault-error';

/**
 * Encrypts CRM tokens (and other secrets kept in rows) with AES-256-GCM under the
 * TOKEN_ENCRYPTION_KEYS ring. Pure: node:crypto only, no database, no environment.
 *
 * - Each call uses a fresh random 12-byte IV, so equal plaintexts give different envelopes.
 * - The row the secret belongs to (tenant, record, field) is bound as additional authenticated
 *   data: an envelope copied to another row, tenant or column fails to decrypt.
 * - Envelopes name their key (see token-vault-envelope.ts), so old keys keep decrypting after
 *   a new key becomes active; `needsRotation` and `reencrypt` move data to the active key, and
 *   `assertRingCovers` refuses to start when stored data uses a key the ring lacks.
 * - Every failure is a `VaultError`; decryption never returns unauthenticated bytes.
 */
export interface TokenContext {
  tenantId: string;
  recordId: string;
  /** The column or purpose, e.g. `crm_connection.access_token`. */
  field: string;
}

const ALGORITHM = 'aes-256-gcm';
const AAD_LABEL = 'leadflow.token-vault';
/** With the `u` flag a valid surrogate pair is one code point, so this finds only lone halves. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Rejects strings whose UTF-8 encoding would silently replace characters (lone surrogates). */
function utf8(value: string, what: string): Buffer {
  if (typeof value !== 'string') throw new VaultError('invalid_input', `${what} must be a string`);
  if (LONE_SURROGATE.test(value)) {
    throw new VaultError('invalid_input', `${what} is not well-formed Unicode (lone surrogate)`);
  }
  return Buffer.from(value, 'utf8');
}

/**
 * Canonical AAD: each part as a 4-byte big-endian byte length followed by its UTF-8 bytes, so no
 * two different contexts encode the same ("ab","c" differs from "a","bc"). The version and key
 * id are bound too, so neither can be swapped in the envelope.
 */
function additionalData(keyId: string, context: TokenContext): Buffer {
  if (typeof context !== 'object' || context === null) {
    throw new VaultError('invalid_input', 'context must be { tenantId, recordId, field }');
  }
  const parts = [
    utf8(AAD_LABEL, 'label'),
    utf8(ENVELOPE_VERSION, 'version'),
    utf8(keyId, 'key id'),
    utf8(context.tenantId, 'context.tenantId'),
    utf8(context.recordId, 'context.recordId'),
    utf8(context.field, 'context.field'),
  ];
  return Buffer.concat(
    parts.flatMap((part) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(part.length);
      return [length, part];
    }),
  );
}

export class TokenVault {
  readonly #ring: KeyRing;

  /** `keys` is the parsed TOKEN_ENCRYPTION_KEYS: first key active, ids unique, 32-byte keys. */
  constructor(keys: readonly EncryptionKey[]) {
    this.#ring = new KeyRing(keys);
  }

  /** The id of the key new envelopes are encrypted with. */
  get activeKeyId(): string {
    return this.#ring.activeId;
  }

  /** Every key id in the ring, active first. */
  get keyIds(): string[] {
    return this.#ring.ids;
  }

  encrypt(plaintext: string, context: TokenContext): string {
    const message = utf8(plaintext, 'plaintext');
    const keyId = this.#ring.activeId;
    const aad = additionalData(keyId, context);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#ring.activeKey(), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad);
    const ciphertext = Buffer.concat([cipher.update(message), cipher.final()]);
    return formatEnvelope({ keyId, iv, ciphertext, tag: cipher.getAuthTag() });
  }

  decrypt(envelope: string, context: TokenContext): string {
    const { keyId, iv, ciphertext, tag } = parseEnvelope(envelope);
    const key = this.#ring.keyFor(keyId);
    if (!key) {
      throw new VaultError(
        'unknown_key',
        `token was encrypted with key "${keyId}", which is not in the key ring`,
        [keyId],
      );
    }
    const aad = additionalData(keyId, context);
    let message: Buffer;
    try {
      const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad);
      decipher.setAuthTag(tag);
      // Nothing from update() is used unless final() has verified the tag (constant-time in OpenSSL).
      message = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch {
      throw new VaultError(
        'authentication_failed',
        `token failed authentication with key "${keyId}": tampered, encrypted for another record, or the key changed`,
        [keyId],
      );
    }
    return message.toString('utf8');
  }

  /** The id of the key that encrypted `envelope`. Throws `malformed_envelope`. */
  keyIdOf(envelope: string): string {
    return parseEnvelope(envelope).keyId;
  }

  /** True when `envelope` was encrypted with a key other than the active one. */
  needsRotation(envelope: string): boolean {
    return this.keyIdOf(envelope) !== this.#ring.activeId;
  }

  /** Decrypts with whichever ring key `envelope` names and encrypts again with the active key. */
  reencrypt(envelope: string, context: TokenContext): string {
    return this.encrypt(this.decrypt(envelope, context), context);
  }

  /**
   * Start-up check: throws `missing_keys` listing every key id that stored data uses but the
   * ring lacks, so a removed key is found before a request fails on it.
   */
  assertRingCovers(keyIdsInUse: Iterable<string>): void {
    const missing = this.#ring.missing(keyIdsInUse);
    if (missing.length > 0) {
      throw new VaultError(
        'missing_keys',
        `stored tokens use key ids missing from TOKEN_ENCRYPTION_KEYS: ${missing.map((id) => JSON.stringify(id)).join(', ')}; ` +
          'add them back to the ring (after the active key) until their tokens are re-encrypted',
        missing,
      );
    }
  }
}

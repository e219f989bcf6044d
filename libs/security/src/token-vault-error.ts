/**
 * Every way the token vault or its key ring can refuse. Messages name key ids where useful but
 * never carry plaintext, ciphertext or key material, so they are safe to log.
 */
export type VaultErrorCode =
  /** The ring has no keys. */
  | 'empty_key_ring'
  /** Two keys in the ring share an id. */
  | 'duplicate_key_id'
  /** A key id is not 1-32 letters, digits, "_" or "-", or a key is not 32 bytes. */
  | 'invalid_key'
  /** Plaintext or a context part is not well-formed Unicode (a lone surrogate). */
  | 'invalid_input'
  /** The envelope is not `v1.<kid>.<iv>.<ciphertext>.<tag>` with canonical base64url parts. */
  | 'malformed_envelope'
  /** The envelope names a key id the ring does not hold. */
  | 'unknown_key'
  /** Tampered ciphertext, IV or tag, a different context (row), or different key material. */
  | 'authentication_failed'
  /** Stored data uses key ids that the ring lacks (start-up check). */
  | 'missing_keys';

export class VaultError extends Error {
  override readonly name = 'VaultError';

  constructor(
    readonly code: VaultErrorCode,
    message: string,
    /** The key ids the error is about (unknown, duplicated, invalid or missing), if any. */
    readonly keyIds: readonly string[] = [],
  ) {
    super(message);
  }
}

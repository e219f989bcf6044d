import { isValidKeyId } from './key-ring';
import { VaultError } from './token-vault-error';

/**
 * Envelope format, version 1 (what the database stores for each encrypted token):
 *
 *     v1.<kid>.<iv>.<ciphertext>.<tag>
 *
 * - `v1`          format version; anything else is refused.
 * - `<kid>`       id of the ring key that encrypted it (1-32 of `A-Z a-z 0-9 _ -`).
 * - `<iv>`        12 random bytes, base64url without padding (16 chars).
 * - `<ciphertext>` AES-256-GCM ciphertext of the UTF-8 plaintext, base64url without padding;
 *                 empty for an empty plaintext.
 * - `<tag>`       16-byte GCM authentication tag, base64url without padding (22 chars).
 *
 * The additional authenticated data is not stored; it is rebuilt from the version, kid and the
 * caller's context (see `additionalData` in token-vault.ts). Parsing is strict: exactly five
 * parts, canonical base64url only, exact IV and tag lengths.
 */
export const ENVELOPE_VERSION = 'v1';
export const IV_BYTES = 12;
export const TAG_BYTES = 16;

export interface Envelope {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function malformed(reason: string): VaultError {
  return new VaultError('malformed_envelope', `malformed token envelope: ${reason}`);
}

/** Decodes base64url, refusing padding, foreign characters and non-canonical trailing bits. */
function decodeBase64Url(part: string, what: string): Buffer {
  if (!BASE64URL.test(part)) throw malformed(`${what} is not base64url`);
  const bytes = Buffer.from(part, 'base64url');
  if (bytes.toString('base64url') !== part) throw malformed(`${what} is not canonical base64url`);
  return bytes;
}

export function formatEnvelope({ keyId, iv, ciphertext, tag }: Envelope): string {
  return [
    ENVELOPE_VERSION,
    keyId,
    iv.toString('base64url'),
    ciphertext.toString('base64url'),
    tag.toString('base64url'),
  ].join('.');
}

export function parseEnvelope(envelope: string): Envelope {
  if (typeof envelope !== 'string') throw malformed('not a string');
  const parts = envelope.split('.');
  if (parts.length !== 5) throw malformed(`expected 5 dot-separated parts, found ${parts.length}`);
  const [version, keyId, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  if (version !== ENVELOPE_VERSION) throw malformed(`unsupported version (expected ${ENVELOPE_VERSION})`);
  if (!isValidKeyId(keyId)) throw malformed('key id is not 1-32 letters, digits, "_" or "-"');
  const parsed = {
    keyId,
    iv: decodeBase64Url(iv, 'iv'),
    ciphertext: decodeBase64Url(ciphertext, 'ciphertext'),
    tag: decodeBase64Url(tag, 'tag'),
  };
  if (parsed.iv.length !== IV_BYTES) throw malformed(`iv must be ${IV_BYTES} bytes`);
  if (parsed.tag.length !== TAG_BYTES) throw malformed(`tag must be ${TAG_BYTES} bytes`);
  return parsed;
}

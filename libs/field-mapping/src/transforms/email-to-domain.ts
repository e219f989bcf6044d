import { failed, type TextOutcome } from './transform-outcome';

const LABEL = /^(?!-)[\p{L}\p{N}-]{1,63}(?<!-)$/u;
const TOP_LEVEL = /^(\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/u;

function isHostName(host: string): boolean {
  if (host.length > 253) return false;
  const labels = host.split('.');
  return (
    labels.length >= 2 &&
    labels.every((label) => LABEL.test(label)) &&
    TOP_LEVEL.test(labels[labels.length - 1] ?? '')
  );
}

/**
 * The lower-case domain of an email address. A website or bare domain (`https://www.Acme.com/x`)
 * is accepted too and gives the same answer, so the transform serves "company website → domain"
 * and is idempotent on its own output. Leading `www.` labels are dropped.
 */
export function emailToDomain(text: string): TextOutcome {
  const trimmed = text.trim().toLowerCase();
  let host: string;
  if (trimmed.includes('@')) {
    const at = trimmed.lastIndexOf('@');
    const local = trimmed.slice(0, at);
    host = trimmed.slice(at + 1);
    if (local === '' || /\s/.test(local) || !isHostName(host.replace(/\.$/, ''))) {
      return failed('invalid_email', `${JSON.stringify(text)} is not an email address`);
    }
  } else {
    host = trimmed
      .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
      .replace(/[/?#].*$/, '')
      .replace(/:\d+$/, '');
  }
  host = host.replace(/\.$/, '');
  while (host.startsWith('www.') && host.split('.').length > 2) host = host.slice(4);
  if (!isHostName(host)) return failed('invalid_domain', `${JSON.stringify(text)} has no valid domain`);
  return { ok: true, value: host };
}

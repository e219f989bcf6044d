import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { failed, type TextOutcome } from './transform-outcome';

const MAX_PHONE_TEXT = 64;

/** E.164: a plus, then 7 to 15 digits (the shortest assigned numbers, e.g. Niue's, have 7). */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

/**
 * E.164 (`+14155552671`) from a number as typed. National numbers need `defaultCountry`.
 * Numbers with a plausible length but outside any assigned range (fictional 555 numbers, new
 * ranges our metadata lacks) are kept with a warning rather than dropped: a rep can still call.
 */
export function toE164(text: string, defaultCountry: string | undefined): TextOutcome {
  if (text.length > MAX_PHONE_TEXT)
    return failed('invalid_phone', `a phone number of ${text.length} characters is not a phone number`);
  // The country was validated by the mapping schema; libphonenumber-js types it as its own union.
  const options =
    defaultCountry === undefined ? undefined : { defaultCountry: defaultCountry as CountryCode };
  const phone = parsePhoneNumberFromString(text, options);
  if (
    phone === undefined ||
    !phone.isPossible() ||
    !E164_PATTERN.test(phone.number) ||
    !readsBack(phone.number)
  ) {
    const hint =
      defaultCountry === undefined
        ? ' (without a default country only +<country code> numbers can be read)'
        : '';
    return failed('invalid_phone', `${JSON.stringify(text)} is not a phone number${hint}`);
  }
  if (!phone.isValid()) {
    return {
      ok: true,
      value: phone.number,
      warning: {
        code: 'phone_unverified',
        message: `${phone.number} has a possible length but is not in an assigned number range`,
      },
    };
  }
  return { ok: true, value: phone.number };
}

/**
 * The result must read back as itself: some national inputs (zeros after the trunk prefix, as in a
 * German "0 00000") format to an E.164 string that libphonenumber does not accept as a possible
 * international number. Emitting it would make the transform non-idempotent and hand reps a number
 * no dialer takes.
 */
function readsBack(e164: string): boolean {
  const again = parsePhoneNumberFromString(e164);
  return again !== undefined && again.isPossible() && again.number === e164;
}

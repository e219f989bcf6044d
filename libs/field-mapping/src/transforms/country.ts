import { countryCodeFor } from '../reference-data/country-lookup';
import { failed, type TextOutcome } from './transform-outcome';

export function toCountryCode(text: string): TextOutcome {
  if (text.length > 100) return failed('unknown_country', 'a country name is not that long');
  const code = countryCodeFor(text);
  if (code === null)
    return failed('unknown_country', `${JSON.stringify(text)} is not a country name or ISO code we know`);
  return { ok: true, value: code };
}

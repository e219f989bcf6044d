import {
  CURRENCY_CODES,
  CURRENCY_SYMBOLS,
  DOLLAR_CURRENCIES,
  YEN_OR_YUAN,
} from '../reference-data/currencies';
import { type DecimalSeparator, parseLocaleNumber } from './number-parse';
import { failed, type TransformFailure } from './transform-outcome';

export interface MoneyAmount {
  amount: number;
  currency: string | null;
  /** False when the currency is the configured one because the text named none. */
  currencyReadFromValue: boolean;
}

// Longest symbols first so "US$" is not read as "$".
const SYMBOLS_LONGEST_FIRST = [...CURRENCY_SYMBOLS.keys()].sort((a, b) => b.length - a.length);

function currencyForBareSymbol(symbol: '$' | '¥', configured: string | undefined): string {
  if (symbol === '$')
    return configured !== undefined && DOLLAR_CURRENCIES.has(configured) ? configured : 'USD';
  return configured !== undefined && YEN_OR_YUAN.has(configured) ? configured : 'JPY';
}

function readCurrencyMark(
  text: string,
  configured: string | undefined,
): { rest: string; currency: string | null } {
  let body = text.trim();
  // A sign may come before the currency mark: "-$50", "- EUR 50".
  const sign = /^[+-]/.test(body) ? body.charAt(0) : '';
  body = body.slice(sign.length).trim();
  const found = (rest: string, currency: string): { rest: string; currency: string } => ({
    rest: `${sign}${rest.trim()}`,
    currency,
  });

  const leadingCode = /^([A-Za-z]{3})(?![A-Za-z])/.exec(body)?.[1]?.toUpperCase();
  if (leadingCode !== undefined && CURRENCY_CODES.has(leadingCode)) return found(body.slice(3), leadingCode);
  const trailingCode = /(?<![A-Za-z])([A-Za-z]{3})$/.exec(body)?.[1]?.toUpperCase();
  if (trailingCode !== undefined && CURRENCY_CODES.has(trailingCode))
    return found(body.slice(0, -3), trailingCode);
  for (const symbol of SYMBOLS_LONGEST_FIRST) {
    const currency = CURRENCY_SYMBOLS.get(symbol);
    if (currency === undefined) continue;
    if (body.startsWith(symbol)) return found(body.slice(symbol.length), currency);
    if (body.endsWith(symbol)) return found(body.slice(0, -symbol.length), currency);
  }
  for (const symbol of ['$', '¥'] as const) {
    if (body.startsWith(symbol)) return found(body.slice(1), currencyForBareSymbol(symbol, configured));
    if (body.endsWith(symbol)) return found(body.slice(0, -1), currencyForBareSymbol(symbol, configured));
  }
  return { rest: `${sign}${body}`, currency: null };
}

/**
 * `$1,200.50`, `EUR 1.200,50`, `1200 usd`, `€99` → an amount and a currency. A code or an
 * unambiguous symbol in the text wins over the configured currency, which otherwise applies.
 */
export function parseMoney(
  value: string | number,
  configuredCurrency: string | undefined,
  decimalSeparator: DecimalSeparator,
): MoneyAmount | TransformFailure {
  if (typeof value === 'number')
    return { amount: value, currency: configuredCurrency ?? null, currencyReadFromValue: false };
  const { rest, currency } = readCurrencyMark(value, configuredCurrency);
  const amount = parseLocaleNumber(rest, decimalSeparator);
  if (amount === null) {
    return failed(
      'not_money',
      `${JSON.stringify(value)} is not an amount of money (decimal separator "${decimalSeparator}")`,
    );
  }
  return {
    amount,
    currency: currency ?? configuredCurrency ?? null,
    currencyReadFromValue: currency !== null,
  };
}

/**
 * ISO 4217 currency codes in use, plus a few recently retired ones (HRK, SLL, ZWL, ANG) that old
 * CRM records still carry. Committed rather than read from `Intl.supportedValuesOf` so the
 * answer does not depend on the ICU data of the Node build.
 */
export const CURRENCY_CODES: ReadonlySet<string> = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN ' +
    'BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS ' +
    'GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW ' +
    'KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN ' +
    'NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK ' +
    'SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU ' +
    'UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL'
  ).split(' '),
);

/**
 * Symbols that name one currency without doubt. `$`, `kr` and `¥`-like symbols shared by several
 * currencies are resolved by the money transform against its configured currency instead.
 */
export const CURRENCY_SYMBOLS: ReadonlyMap<string, string> = new Map([
  ['US$', 'USD'],
  ['A$', 'AUD'],
  ['AU$', 'AUD'],
  ['C$', 'CAD'],
  ['CA$', 'CAD'],
  ['NZ$', 'NZD'],
  ['HK$', 'HKD'],
  ['S$', 'SGD'],
  ['R$', 'BRL'],
  ['MX$', 'MXN'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['₹', 'INR'],
  ['₩', 'KRW'],
  ['₽', 'RUB'],
  ['₺', 'TRY'],
  ['₪', 'ILS'],
  ['₫', 'VND'],
  ['₱', 'PHP'],
  ['฿', 'THB'],
  ['₴', 'UAH'],
  ['₦', 'NGN'],
  ['zł', 'PLN'],
]);

/** Currencies written with a bare `$`; a bare `$` means the configured one when it is among these. */
export const DOLLAR_CURRENCIES: ReadonlySet<string> = new Set([
  'USD',
  'CAD',
  'AUD',
  'NZD',
  'SGD',
  'HKD',
  'MXN',
  'ARS',
  'CLP',
  'COP',
  'TWD',
  'BSD',
  'BBD',
  'BZD',
  'BMD',
  'FJD',
  'GYD',
  'JMD',
  'KYD',
  'LRD',
  'NAD',
  'SBD',
  'SRD',
  'TTD',
  'XCD',
]);

/** Bare `¥` is JPY unless the configured currency is CNY. */
export const YEN_OR_YUAN: ReadonlySet<string> = new Set(['JPY', 'CNY']);

/**
 * Receipt codes (回执码): 11 Crockford base32 symbols + Crockford's mod-37 check symbol, printed
 * XXXX-XXXX-XXXX. The same reading rules as intake-service's ReceiptCodes: case-insensitive,
 * hyphens and spaces ignored, I/L read as 1 and O as 0. A typo is caught here before any request.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const CHECK_SYMBOLS = ALPHABET + '*~$=U'

export type ReceiptVerdict = 'VALID' | 'MALFORMED' | 'CHECKSUM'

export interface ParsedReceipt {
  verdict: ReceiptVerdict
  canonical: string | null
}

export function checkSymbol(data: string): string {
  let v = 0
  for (const c of data) v = (v * 32 + ALPHABET.indexOf(c)) % 37
  return CHECK_SYMBOLS.charAt(v)
}

export function parseReceiptCode(raw: string | null | undefined): ParsedReceipt {
  if (!raw) return { verdict: 'MALFORMED', canonical: null }
  let s = ''
  for (const ch of raw.toUpperCase()) {
    if (ch === '-' || ch === ' ') continue
    s += ch === 'I' || ch === 'L' ? '1' : ch === 'O' ? '0' : ch
  }
  if (s.length !== 12) return { verdict: 'MALFORMED', canonical: null }
  const data = s.slice(0, 11)
  if ([...data].some((c) => !ALPHABET.includes(c))) return { verdict: 'MALFORMED', canonical: null }
  const check = s.charAt(11)
  if (!CHECK_SYMBOLS.includes(check)) return { verdict: 'MALFORMED', canonical: null }
  if (checkSymbol(data) !== check) return { verdict: 'CHECKSUM', canonical: null }
  return { verdict: 'VALID', canonical: `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}` }
}

/** The message a person reads for each verdict (i18n key). */
export function receiptCodeMessageKey(v: ReceiptVerdict): string | null {
  return v === 'VALID' ? null : v === 'CHECKSUM' ? 'receipt.checksum' : 'receipt.malformed'
}

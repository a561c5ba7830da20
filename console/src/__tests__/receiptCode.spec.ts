import { describe, expect, it } from 'vitest'
import { checkSymbol, parseReceiptCode, receiptCodeMessageKey } from '@/utils/receiptCode'

const data = '7K3QM9XPA2B'
const code = data + checkSymbol(data)

describe('receipt code check symbol (Crockford mod 37)', () => {
  it('accepts a valid code in any spelling and prints it canonically', () => {
    const canonical = `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`
    expect(parseReceiptCode(code)).toEqual({ verdict: 'VALID', canonical })
    expect(parseReceiptCode(canonical.toLowerCase())).toEqual({ verdict: 'VALID', canonical })
    expect(parseReceiptCode(' ' + code.slice(0, 6) + ' ' + code.slice(6))).toEqual({ verdict: 'VALID', canonical })
  })
  it('reads I and L as 1 and O as 0', () => {
    const d = '1000000000A'
    const c = d + checkSymbol(d)
    expect(parseReceiptCode(c.replace('1', 'L').replace('0', 'O')).verdict).toBe('VALID')
  })
  it('catches every single wrong symbol', () => {
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
    for (let i = 0; i < 11; i++) {
      for (const s of alphabet) {
        if (s === code[i]) continue
        const typo = code.slice(0, i) + s + code.slice(i + 1)
        expect(parseReceiptCode(typo).verdict).toBe('CHECKSUM')
      }
    }
  })
  it('catches swapped neighbours', () => {
    for (let i = 0; i < 10; i++) {
      if (code[i] === code[i + 1]) continue
      const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2)
      expect(parseReceiptCode(swapped).verdict).toBe('CHECKSUM')
    }
  })
  it('tells a malformed code from a typo', () => {
    expect(parseReceiptCode('ABC').verdict).toBe('MALFORMED')
    expect(parseReceiptCode('UUUU-UUUU-UUUU').verdict).toBe('MALFORMED')
    expect(parseReceiptCode(null).verdict).toBe('MALFORMED')
    expect(receiptCodeMessageKey('CHECKSUM')).toBe('receipt.checksum')
    expect(receiptCodeMessageKey('MALFORMED')).toBe('receipt.malformed')
    expect(receiptCodeMessageKey('VALID')).toBeNull()
  })
})

describe('the code in the resident page link', () => {
  it('is read from the fragment only', async () => {
    const { codeFromFragment } = await import('@/api/public')
    expect(codeFromFragment('#code=ABCD-EFGH-JKMN')).toBe('ABCD-EFGH-JKMN')
    expect(codeFromFragment('#x=1&code=ABCD%20EFGH')).toBe('ABCD EFGH')
    expect(codeFromFragment('')).toBe('')
  })
})

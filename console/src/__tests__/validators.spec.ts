import { describe, expect, it } from 'vitest'
import { isEmail, isMobile, isResidentId } from '@/utils/validators'
import { isGroupPetition } from '@/utils/labels'

describe('desk checks while typing', () => {
  it('mainland mobile numbers', () => {
    expect(isMobile('13812341234')).toBe(true)
    expect(isMobile('12812341234')).toBe(false)
    expect(isMobile('1381234123')).toBe(false)
  })
  it('resident ID numbers with the MOD 11-2 check digit', () => {
    expect(isResidentId('11010519491231002X')).toBe(true)
    expect(isResidentId('11010519491231002x')).toBe(true)
    expect(isResidentId('110105194912310021')).toBe(false)
    expect(isResidentId('11010519491231002')).toBe(false)
  })
  it('e-mail', () => {
    expect(isEmail('a@b.cn')).toBe(true)
    expect(isEmail('a@b')).toBe(false)
  })
  it('group petition above five households, as the service counts it', () => {
    expect(isGroupPetition(5)).toBe(false)
    expect(isGroupPetition(6)).toBe(true)
    expect(isGroupPetition(120)).toBe(true)
  })
})

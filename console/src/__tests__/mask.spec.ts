import { describe, expect, it } from 'vitest'
import { displayVisitor, maskEmail, maskIdNumber, maskName, maskPhone } from '@/utils/mask'

describe('masking display (same rules as service-kit Masking)', () => {
  it('masks each kind', () => {
    expect(maskPhone('13812341234')).toBe('138****1234')
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X')
    expect(maskName('张三丰')).toBe('张**')
    expect(maskName('王')).toBe('王*')
    expect(maskEmail('wang.li@example.cn')).toBe('w***@example.cn')
    expect(maskPhone('12')).toBe('12')
    expect(maskPhone('')).toBe('')
  })
  it('leaves values the service already masked alone', () => {
    expect(maskPhone('138****1234')).toBe('138****1234')
  })
  it('shows full values only after the logged full read', () => {
    const v = { name: '李四', phone: '13912345678', idNumber: null, email: null, masked: false }
    expect(displayVisitor(v, false)).toEqual({ name: '李*', phone: '139****5678', idNumber: '', email: '' })
    expect(displayVisitor(v, true)).toEqual({ name: '李四', phone: '13912345678', idNumber: null, email: null })
  })
})

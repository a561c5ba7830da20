import { describe, expect, it } from 'vitest'
import { fieldErrors, normaliseField, pick, problemSummary, type Problem } from '@/api/problem'

// A 400 exactly as service-kit's ProblemMappers writes it for a bad visitor phone and a missing line.
const validation: Problem = {
  type: 'https://minqing.org/problems/validation',
  title: '请求数据无效 / Invalid request data',
  status: 400,
  detail: '请修改所列字段后重试 / correct the listed fields and try again',
  titleZh: '请求数据无效',
  titleEn: 'Invalid request data',
  detailZh: '请修改所列字段后重试',
  detailEn: 'correct the listed fields and try again',
  errors: [
    { field: 'lineCode', message: '不能为空 / must not be blank', messageZh: '不能为空', messageEn: 'must not be blank' },
    { field: 'visitors[0].phone', message: '须为11位大陆手机号码 / must be an 11-digit mainland mobile number', messageZh: '须为11位大陆手机号码', messageEn: 'must be an 11-digit mainland mobile number' },
  ],
}

describe('problem+json to form fields', () => {
  it('puts each message next to the field the service names, in Chinese by default', () => {
    expect(fieldErrors(validation)).toEqual({ lineCode: '不能为空', 'visitors[0].phone': '须为11位大陆手机号码' })
  })

  it('switches to English', () => {
    expect(fieldErrors(validation, 'en')['lineCode']).toBe('must not be blank')
  })

  it('splits the combined message when the separate languages are missing', () => {
    const p: Problem = { status: 422, errors: [{ field: 'route', message: '市级单位只能通过代表转办 / city units only via representatives' }] }
    expect(fieldErrors(p)).toEqual({ route: '市级单位只能通过代表转办' })
    expect(fieldErrors(p, 'en')).toEqual({ route: 'city units only via representatives' })
  })

  it('joins two messages for one field and maps aliases', () => {
    const p: Problem = {
      status: 400,
      errors: [
        { field: 'request.days', messageZh: '至少 1 日', messageEn: 'at least 1 day' },
        { field: 'days', messageZh: '天数过大', messageEn: 'too many days' },
      ],
    }
    expect(fieldErrors(p, 'zh-CN', { days: 'extendDays' })).toEqual({ extendDays: '至少 1 日；天数过大' })
    expect(normaliseField('unknown.thing', { days: 'x' })).toBe('unknown.thing')
  })

  it('summarises title and detail; copes with no problem', () => {
    expect(problemSummary(validation)).toBe('请求数据无效：请修改所列字段后重试')
    expect(problemSummary({ status: 404, title: '未找到 / Not found' }, 'en')).toBe('Not found')
    expect(fieldErrors(null)).toEqual({})
    expect(pick(undefined, undefined, 'only one', 'zh-CN')).toBe('only one')
  })
})

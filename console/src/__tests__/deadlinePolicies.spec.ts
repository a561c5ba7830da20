import { describe, expect, it } from 'vitest'
import type { CalendarDay, DeadlinePolicy } from '@/api/referral'
import { fieldErrors } from '@/api/problem'
import {
  dayAliases, dayFormErrors, isIsoDate, maxAmount, policyBody, policyFormErrors, policyKey, weekday, withDay, withoutDay, yearOptions,
} from '@/utils/deadlinePolicies'

const POLICY: DeadlinePolicy = { kind: 'RESOLVE', route: 'COMMUNITY', amount: 5, unit: 'WORKING_DAYS', basis: '地方规定：社区事项5个工作日' }
const Y2026: CalendarDay[] = [
  { day: '2026-01-01', kind: 'HOLIDAY', name: '元旦' },
  { day: '2026-01-04', kind: 'ADJUSTED_WORKDAY', name: '元旦调休' },
  { day: '2026-10-01', kind: 'HOLIDAY', name: '国庆节' },
]

describe('deadline policy form (issue 14, bounds as referral-service\'s)', () => {
  it('amount: a whole number from 1 to 3660 days or 120 months', () => {
    expect(policyFormErrors(POLICY)).toEqual({})
    expect(policyFormErrors({ ...POLICY, amount: 0 }).amount).toBe('deadlines.err.amountDays')
    expect(policyFormErrors({ ...POLICY, amount: 3660 })).toEqual({})
    expect(policyFormErrors({ ...POLICY, amount: 3661 }).amount).toBe('deadlines.err.amountDays')
    expect(policyFormErrors({ ...POLICY, amount: 2.5 }).amount).toBe('deadlines.err.amountDays')
    expect(policyFormErrors({ ...POLICY, unit: 'MONTHS', amount: 120 })).toEqual({})
    expect(policyFormErrors({ ...POLICY, unit: 'MONTHS', amount: 121 }).amount).toBe('deadlines.err.amountMonths')
    expect(policyFormErrors({ ...POLICY, amount: null as unknown as number }).amount).toBe('deadlines.err.amountDays')
    expect(maxAmount('MONTHS')).toBe(120)
    expect(maxAmount('CALENDAR_DAYS')).toBe(3660)
  })
  it('basis: required, at most 500 characters; unit one of the three', () => {
    expect(policyFormErrors({ ...POLICY, basis: '   ' }).basis).toBe('common.required')
    expect(policyFormErrors({ ...POLICY, basis: '依'.repeat(500) })).toEqual({})
    expect(policyFormErrors({ ...POLICY, basis: '依'.repeat(501) }).basis).toBe('deadlines.err.basis')
    expect(policyFormErrors({ ...POLICY, unit: 'WEEKS' as DeadlinePolicy['unit'] }).unit).toBe('common.required')
  })
  it('the PUT body keeps the row key, trims the basis and sends a number', () => {
    expect(policyBody({ ...POLICY, amount: '7' as unknown as number, basis: '  依据 ' })).toEqual({
      kind: 'RESOLVE', route: 'COMMUNITY', amount: 7, unit: 'WORKING_DAYS', basis: '依据',
    })
    expect(policyKey({ kind: 'ACKNOWLEDGE', route: '*' })).toBe('ACKNOWLEDGE-ALL')
    expect(policyKey(POLICY)).toBe('RESOLVE-COMMUNITY')
  })
})

describe('working calendar entries (issue 14)', () => {
  it('a day must be a real date in the chosen year, not listed yet', () => {
    const ok = { day: '2026-05-01', kind: 'HOLIDAY' as const, name: '劳动节' }
    expect(dayFormErrors(ok, 2026, Y2026)).toEqual({})
    expect(dayFormErrors({ ...ok, day: '2027-05-01' }, 2026, Y2026).day).toBe('deadlines.cal.err.year')
    expect(dayFormErrors({ ...ok, day: '2026-02-30' }, 2026, Y2026).day).toBe('deadlines.cal.err.year')
    expect(dayFormErrors({ ...ok, day: '' }, 2026, Y2026).day).toBe('common.required')
    expect(dayFormErrors({ ...ok, day: '2026-10-01' }, 2026, Y2026).day).toBe('deadlines.cal.err.listed')
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2025-02-29')).toBe(false)
  })
  it('an adjusted working day (调休上班) is a Saturday or Sunday; a holiday may be any day', () => {
    expect(weekday('2026-02-14')).toBe(6)
    expect(dayFormErrors({ day: '2026-02-14', kind: 'ADJUSTED_WORKDAY', name: '春节调休' }, 2026, Y2026)).toEqual({})
    expect(dayFormErrors({ day: '2026-02-13', kind: 'ADJUSTED_WORKDAY', name: '春节调休' }, 2026, Y2026).day).toBe('deadlines.cal.err.weekday')
    expect(dayFormErrors({ day: '2026-02-15', kind: 'HOLIDAY', name: '春节' }, 2026, Y2026)).toEqual({})
  })
  it('a name is required and at most 50 characters', () => {
    expect(dayFormErrors({ day: '2026-05-01', kind: 'HOLIDAY', name: ' ' }, 2026, Y2026).name).toBe('common.required')
    expect(dayFormErrors({ day: '2026-05-01', kind: 'HOLIDAY', name: '节'.repeat(51) }, 2026, Y2026).name).toBe('deadlines.cal.err.name')
  })
  it('adding sends the whole year in date order; the service\'s days[i] errors land on the dialog\'s fields', () => {
    const { days, index } = withDay(Y2026, { day: '2026-05-01', kind: 'HOLIDAY', name: ' 劳动节 ' })
    expect(days.map((d) => d.day)).toEqual(['2026-01-01', '2026-01-04', '2026-05-01', '2026-10-01'])
    expect(index).toBe(2)
    expect(days[2]).toEqual({ day: '2026-05-01', kind: 'HOLIDAY', name: '劳动节' })
    const problem = { errors: [
      { field: 'days[2].name', messageZh: '长度须在 1 到 50 之间', messageEn: 'size must be between 1 and 50' },
      { field: 'days[0].day', messageZh: '日期不在 2026 年内', messageEn: 'the date is not in 2026' },
    ] }
    const shown = fieldErrors(problem, 'zh-CN', dayAliases(index))
    expect(shown.name).toBe('长度须在 1 到 50 之间')
    expect(shown['days[0].day']).toBe('日期不在 2026 年内')
    expect(shown.day).toBeUndefined()
  })
  it('removing drops only that day', () => {
    expect(withoutDay(Y2026, '2026-01-04').map((d) => d.day)).toEqual(['2026-01-01', '2026-10-01'])
    expect(withoutDay(Y2026, '2026-03-03')).toHaveLength(3)
  })
  it('years offered: those loaded, this one and the next, within 2000…2100', () => {
    expect(yearOptions([2025, 2026], 2026)).toEqual([2025, 2026, 2027])
    expect(yearOptions([1999, 2026], 2100)).toEqual([2026, 2100])
  })
})

import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { CalendarDay } from '@/api/referral'

const served = vi.hoisted(() => ({ days: [] as CalendarDay[] }))
vi.mock('@/api/referral', () => ({ referralApi: { calendar: vi.fn(async () => served.days) } }))

import { referralApi } from '@/api/referral'
import { reloadWorkingCalendar, useWorkingCalendar, workingCalendarReady } from '@/composables/useWorkingCalendar'

describe('the shared working calendar (issue 14)', () => {
  beforeEach(() => vi.mocked(referralApi.calendar).mockClear())
  it('is read once per page load, and again after the calendar screen changed a year', async () => {
    served.days = [{ day: '2026-10-01', kind: 'HOLIDAY', name: '国庆节' }]
    const calendar = useWorkingCalendar()
    useWorkingCalendar()
    expect(vi.mocked(referralApi.calendar).mock.calls.length).toBe(2) // this year and the next, once
    await workingCalendarReady()
    expect(calendar.value.get('2026-10-01')).toBe('HOLIDAY')
    served.days = [...served.days, { day: '2026-10-10', kind: 'ADJUSTED_WORKDAY', name: '国庆调休' }]
    expect(calendar.value.has('2026-10-10')).toBe(false)
    const before = vi.mocked(referralApi.calendar).mock.calls.length
    await reloadWorkingCalendar()
    expect(vi.mocked(referralApi.calendar).mock.calls.length).toBe(before + 2)
    expect(calendar.value.get('2026-10-10')).toBe('ADJUSTED_WORKDAY')
  })
})

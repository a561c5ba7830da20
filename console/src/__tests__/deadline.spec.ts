import { describe, expect, it } from 'vitest'
import { deadlineState, deadlineTagType, todayInChina, toCalendarMap, workingDaysLeft } from '@/utils/deadline'

// A National-Day week as the calendar table lists it: 1–7 Oct holidays, Sun 27 Sep and Sat 10 Oct adjusted working days.
const cal = toCalendarMap([
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ day: `2026-10-${d}`, kind: 'HOLIDAY' as const })),
  { day: '2026-09-27', kind: 'ADJUSTED_WORKDAY' },
  { day: '2026-10-10', kind: 'ADJUSTED_WORKDAY' },
])

describe('deadline colours on the working-day calendar', () => {
  it('counts working days, skipping the holiday and counting the adjusted Saturday', () => {
    // after Wed 30 Sep: 1–7 off, Thu 8, Fri 9, Sat 10 (调休) → 3
    expect(workingDaysLeft('2026-09-30', '2026-10-10', cal)).toBe(3)
    expect(workingDaysLeft('2026-09-26', '2026-09-28', cal)).toBe(2) // Sun 27 adjusted + Mon 28
  })
  it('is approaching with three working days left even though ten calendar days remain', () => {
    expect(deadlineState('2026-10-10', '2026-09-30', false, cal)).toBe('approaching')
    expect(deadlineState('2026-10-10', '2026-09-30', false)).toBe('onTime') // without the holiday table
  })
  it('is overdue the day after the due date, on time before, done once finished', () => {
    expect(deadlineState('2026-11-20', '2026-11-21', false, cal)).toBe('overdue')
    expect(deadlineState('2026-11-20', '2026-11-20', false, cal)).toBe('approaching')
    expect(deadlineState('2026-12-31', '2026-11-20', false, cal)).toBe('onTime')
    expect(deadlineState('2026-11-01', '2026-11-21', true, cal)).toBe('done')
    expect(deadlineState(null, '2026-11-21', false)).toBe('none')
  })
  it('maps to Element Plus tag colours', () => {
    expect(deadlineTagType('overdue')).toBe('danger')
    expect(deadlineTagType('approaching')).toBe('warning')
    expect(deadlineTagType('onTime')).toBe('success')
  })
  it('takes today in China (UTC+8)', () => {
    expect(todayInChina(new Date('2026-11-26T17:00:00Z'))).toBe('2026-11-27')
  })
})

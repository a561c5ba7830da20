/**
 * Deadline colours (on time / approaching / overdue), counted in working days on the official
 * calendar the referral-service serves (/calendar/{year}): weekends are rest days unless listed as
 * ADJUSTED_WORKDAY (调休), listed HOLIDAYs are rest days. "Approaching" means at most 3 working days
 * left, the same threshold as the service's reminder (referral.deadline.approaching-working-days).
 */
export type DeadlineState = 'onTime' | 'approaching' | 'overdue' | 'done' | 'none'

export interface CalendarEntry {
  day: string
  kind: 'HOLIDAY' | 'ADJUSTED_WORKDAY'
}

export const APPROACHING_WORKING_DAYS = 3

export function isWorkingDay(iso: string, calendar: Map<string, CalendarEntry['kind']>): boolean {
  const k = calendar.get(iso)
  if (k === 'HOLIDAY') return false
  if (k === 'ADJUSTED_WORKDAY') return true
  const dow = new Date(iso + 'T00:00:00Z').getUTCDay()
  return dow !== 0 && dow !== 6
}

export function addDays(iso: string, n: number): string {
  const d = new Date(iso + 'T00:00:00Z')
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

/** Working days after today up to and including the due date (0 when due today or earlier). */
export function workingDaysLeft(today: string, due: string, calendar: Map<string, CalendarEntry['kind']>): number {
  let n = 0
  for (let d = addDays(today, 1); d <= due; d = addDays(d, 1)) if (isWorkingDay(d, calendar)) n++
  return n
}

export function deadlineState(
  due: string | null | undefined,
  today: string,
  finished: boolean,
  calendar: Map<string, CalendarEntry['kind']> = new Map(),
): DeadlineState {
  if (finished) return 'done'
  if (!due) return 'none'
  if (today > due) return 'overdue'
  return workingDaysLeft(today, due, calendar) <= APPROACHING_WORKING_DAYS ? 'approaching' : 'onTime'
}

/** Element Plus tag type for each state. */
export function deadlineTagType(s: DeadlineState): 'success' | 'warning' | 'danger' | 'info' {
  return s === 'overdue' ? 'danger' : s === 'approaching' ? 'warning' : s === 'onTime' ? 'success' : 'info'
}

export function toCalendarMap(entries: CalendarEntry[]): Map<string, CalendarEntry['kind']> {
  return new Map(entries.map((e) => [e.day, e.kind]))
}

/** Today's date in China (the services' zone), as yyyy-mm-dd. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

import { DAY_KINDS, PERIOD_UNITS, type CalendarDay, type DayKind, type DeadlinePolicy, type PeriodUnit } from '@/api/referral'

/**
 * The deadline policy table (办理时限) and the working calendar (工作日历) as the forms edit them
 * (issue 14). The bounds are referral-service's (WorkingCalendar.MAX_DAYS / MAX_MONTHS, the kit's
 * Bounds years, CalendarResource's 50-character names), so a value the service would refuse is
 * named on its field before the request; the service still decides.
 */
export const MAX_DAYS = 3660
export const MAX_MONTHS = 120
export const EARLIEST_YEAR = 2000
export const LATEST_YEAR = 2100
export const MAX_BASIS = 500
export const MAX_DAY_NAME = 50

export function maxAmount(unit: PeriodUnit): number {
  return unit === 'MONTHS' ? MAX_MONTHS : MAX_DAYS
}

/** A row's key and test-id part: `RESOLVE-COMMUNITY`, `ACKNOWLEDGE-ALL` for route `*`. */
export function policyKey(p: Pick<DeadlinePolicy, 'kind' | 'route'>): string {
  return `${p.kind}-${p.route === '*' ? 'ALL' : p.route}`
}

/** Field → i18n key of the first problem found; empty when the form may be sent. */
export function policyFormErrors(f: DeadlinePolicy): Record<string, string> {
  const errors: Record<string, string> = {}
  if (!PERIOD_UNITS.includes(f.unit)) errors.unit = 'common.required'
  const n = Number(f.amount)
  if (f.amount === null || f.amount === undefined || !Number.isInteger(n) || n < 1 || n > maxAmount(f.unit)) {
    errors.amount = f.unit === 'MONTHS' ? 'deadlines.err.amountMonths' : 'deadlines.err.amountDays'
  }
  const basis = (f.basis ?? '').trim()
  if (!basis) errors.basis = 'common.required'
  else if (basis.length > MAX_BASIS) errors.basis = 'deadlines.err.basis'
  return errors
}

/** The body of PUT /deadline-policies: kind and route as they were (the row's key), the rest edited. */
export function policyBody(f: DeadlinePolicy): DeadlinePolicy {
  return { kind: f.kind, route: f.route, amount: Number(f.amount), unit: f.unit, basis: f.basis.trim() }
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/

/** Whether `iso` is a real calendar date (2026-02-30 is not). */
export function isIsoDate(iso: string): boolean {
  const m = ISO.exec(iso)
  if (!m) return false
  const d = new Date(`${iso}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay()
}

export interface DayForm {
  day: string
  kind: DayKind
  name: string
}

/**
 * Field → i18n key for a day to add to `year`'s list. A day already listed is refused (remove it
 * first); an adjusted working day (调休上班) must be a Saturday or Sunday, as a weekday works anyway.
 */
export function dayFormErrors(f: DayForm, year: number, listed: readonly CalendarDay[]): Record<string, string> {
  const errors: Record<string, string> = {}
  if (!f.day) errors.day = 'common.required'
  else if (!isIsoDate(f.day) || Number(f.day.slice(0, 4)) !== year) errors.day = 'deadlines.cal.err.year'
  else if (listed.some((d) => d.day === f.day)) errors.day = 'deadlines.cal.err.listed'
  else if (f.kind === 'ADJUSTED_WORKDAY' && ![0, 6].includes(weekday(f.day))) errors.day = 'deadlines.cal.err.weekday'
  if (!DAY_KINDS.includes(f.kind)) errors.kind = 'common.required'
  const name = f.name.trim()
  if (!name) errors.name = 'common.required'
  else if (name.length > MAX_DAY_NAME) errors.name = 'deadlines.cal.err.name'
  return errors
}

/** The year's list with `f` added, in date order, and where it went (to place the service's `days[i].…` errors). */
export function withDay(listed: readonly CalendarDay[], f: DayForm): { days: CalendarDay[]; index: number } {
  const added: CalendarDay = { day: f.day, kind: f.kind, name: f.name.trim() }
  const days = [...listed.filter((d) => d.day !== f.day), added].sort((a, b) => a.day.localeCompare(b.day))
  return { days, index: days.indexOf(added) }
}

export function withoutDay(listed: readonly CalendarDay[], day: string): CalendarDay[] {
  return listed.filter((d) => d.day !== day)
}

/** The service's names for the added day's fields (PUT /calendar/{year} validates `days[i].day` …) → the dialog's. */
export function dayAliases(index: number): Record<string, string> {
  return { [`days[${index}].day`]: 'day', [`days[${index}].kind`]: 'kind', [`days[${index}].name`]: 'name', year: 'day' }
}

/** The years offered: those loaded, this year and the next (the State Council publishes it in November), in bounds. */
export function yearOptions(loaded: readonly number[], thisYear: number): number[] {
  const all = new Set([...loaded, thisYear, thisYear + 1])
  return [...all].filter((y) => Number.isInteger(y) && y >= EARLIEST_YEAR && y <= LATEST_YEAR).sort((a, b) => a - b)
}

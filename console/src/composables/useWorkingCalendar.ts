import { ref } from 'vue'
import { referralApi } from '@/api/referral'
import { toCalendarMap, todayInChina, type CalendarEntry } from '@/utils/deadline'

const calendar = ref<Map<string, CalendarEntry['kind']>>(new Map())
let loading: Promise<void> | null = null

/** The official working-day calendar (holidays and 调休), read from referral-service once per page load. */
export function useWorkingCalendar() {
  if (!loading) load()
  return calendar
}

function load(): Promise<void> {
  const year = Number(todayInChina().slice(0, 4))
  loading = Promise.allSettled([referralApi.calendar(year), referralApi.calendar(year + 1)]).then((rs) => {
    const entries: CalendarEntry[] = []
    for (const r of rs) if (r.status === 'fulfilled') entries.push(...r.value)
    calendar.value = toCalendarMap(entries)
  })
  return loading
}

/** Settles once the current read is in (for a caller, or a test, that needs the filled map). */
export function workingCalendarReady(): Promise<void> {
  return loading ?? load()
}

/** Reads the calendar again after 办理时限与工作日历 changed a year (issue 14), so the deadline colours follow at once. */
export function reloadWorkingCalendar(): Promise<void> {
  return load()
}

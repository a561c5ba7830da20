import { ref } from 'vue'
import { referralApi } from '@/api/referral'
import { toCalendarMap, todayInChina, type CalendarEntry } from '@/utils/deadline'

const calendar = ref<Map<string, CalendarEntry['kind']>>(new Map())
let loading: Promise<void> | null = null

/** The official working-day calendar (holidays and 调休), read from referral-service once per page load. */
export function useWorkingCalendar() {
  if (!loading) {
    const year = Number(todayInChina().slice(0, 4))
    loading = Promise.allSettled([referralApi.calendar(year), referralApi.calendar(year + 1)]).then((rs) => {
      const entries: CalendarEntry[] = []
      for (const r of rs) if (r.status === 'fulfilled') entries.push(...r.value)
      calendar.value = toCalendarMap(entries)
    })
  }
  return calendar
}

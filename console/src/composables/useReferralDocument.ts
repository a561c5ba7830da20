import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { reportsApi, type ReferralDocument } from '@/api/reports'
import { useLines } from '@/composables/useLines'
import { useRouteDocument } from '@/composables/useRouteDocument'

/**
 * The data a printed referral document (转办单, 督办单) shows, for the route's referral id: the
 * referral, its case summary (no resident's personal data) and its supervision notices.
 */
export function useReferralDocument(loaded?: (d: ReferralDocument) => Promise<void> | void) {
  const { t } = useI18n()
  const lines = useLines()
  const { route, summary, data: doc } = useRouteDocument((id) => reportsApi.document(id), loaded)
  const r = computed(() => doc.value!.referral)
  const c = computed(() => doc.value!.caseSummary)
  return { t, route, lines, summary, doc, r, c }
}

import { computed, onMounted, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute } from 'vue-router'
import { reportsApi, type ReferralDocument } from '@/api/reports'
import { useProblem } from '@/composables/useProblem'
import { useLines } from '@/composables/useLines'

/**
 * The data a printed referral document (转办单, 督办单) shows, loaded for the route's referral id:
 * the referral, its case summary (no resident's personal data) and its supervision notices.
 * {@code loaded} runs once the document is there, for what a form looks up besides.
 */
export function useReferralDocument(loaded?: (d: ReferralDocument) => Promise<void> | void) {
  const { t } = useI18n()
  const route = useRoute()
  const lines = useLines()
  const { summary, run } = useProblem()
  const doc = ref<ReferralDocument | null>(null)
  const r = computed(() => doc.value!.referral)
  const c = computed(() => doc.value!.caseSummary)
  onMounted(async () => {
    const d = await run(() => reportsApi.document(String(route.params.id)))
    if (!d) return
    doc.value = d
    if (loaded) await loaded(d)
  })
  return { t, route, lines, summary, doc, r, c }
}

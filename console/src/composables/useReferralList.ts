import { ref } from 'vue'
import { referralApi, type Referral } from '@/api/referral'

type Query = Parameters<typeof referralApi.list>[0]
type Run = <T>(fn: () => Promise<T>) => Promise<T | null>

/**
 * The referrals a work list shows (转办队列, 承办, 督办), read through the screen's run() so that a
 * refusal shows on the screen; loading drives the refresh button. A failed reload keeps the rows.
 */
export function useReferralList(run: Run, query: () => Query = () => ({})) {
  const list = ref<Referral[]>([])
  const loading = ref(false)

  async function load() {
    loading.value = true
    const r = await run(() => referralApi.list(query()))
    loading.value = false
    if (r) list.value = r
  }

  /** A dialog's call on one referral: on success the dialog closes, done() says so, the list reloads; on a refusal the dialog stays open with the error. */
  async function submitAndReload<T>(dialog: { open: boolean }, call: () => Promise<T>, done?: (result: T) => void) {
    const r = await run(call)
    if (!r) return
    dialog.open = false
    done?.(r)
    await load()
  }

  return { list, loading, load, submitAndReload }
}

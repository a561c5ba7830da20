import { reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { ApiError } from '@/api/http'
import { fieldErrors, problemSummary, type Lang } from '@/api/problem'

/**
 * Runs a request for a form: field errors from the service's problem+json land next to the named
 * field (el-form-item :error), the rest in the form's summary line. Nothing typed is cleared on failure.
 */
export function useProblem(aliases: Record<string, string> = {}) {
  const { t, locale } = useI18n()
  const errors = reactive<Record<string, string>>({})
  const summary = ref('')
  const busy = ref(false)

  function clear() {
    for (const k of Object.keys(errors)) delete errors[k]
    summary.value = ''
  }

  async function run<T>(fn: () => Promise<T>): Promise<T | null> {
    if (busy.value) return null
    busy.value = true
    clear()
    try {
      return await fn()
    } catch (e) {
      const lang = locale.value as Lang
      if (e instanceof ApiError && e.kind === 'problem') {
        Object.assign(errors, fieldErrors(e.problem, lang, aliases))
        summary.value = problemSummary(e.problem, lang) || t('errors.generic')
        if (Object.keys(errors).length) summary.value += `（${t('errors.fieldsBelow')}）`
      } else if (e instanceof ApiError && e.kind === 'session') {
        summary.value = t('auth.expired')
      } else if (e instanceof ApiError && e.kind === 'network') {
        summary.value = t('auth.offline')
      } else {
        summary.value = (e as Error).message || t('errors.generic')
      }
      ElMessage({ type: 'error', message: summary.value, duration: 4000 })
      return null
    } finally {
      busy.value = false
    }
  }

  return { errors, summary, busy, run, clear }
}

import { useI18n } from 'vue-i18n'
import { useUserStore } from '@/store/user'
import { useProblem } from '@/composables/useProblem'

/**
 * What a screen starts with: its translations (t, te, the locale), the signed-in user (whose
 * jurisdiction scopes every query), and the problem and busy state of its calls to the services.
 */
export function useView() {
  const { t, te, locale } = useI18n()
  return { t, te, locale, user: useUserStore(), ...useProblem() }
}

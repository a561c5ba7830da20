import { createPinia, setActivePinia } from 'pinia'
import type { VueWrapper } from '@vue/test-utils'
import { i18n } from '@/i18n'
import type { Caller } from '@/auth/claims'
import { vAuth } from '@/directives/auth'
import { useUserStore } from '@/store/user'

/**
 * What a mounted screen needs: a fresh store with this user signed in, the translations, the v-auth
 * directive as the app has it, and transitions that end at once. Pass as mount(…, { global }).
 */
export function signedIn(caller: Partial<Caller> & Pick<Caller, 'roles'>) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useUserStore().caller = { subject: 's', username: 'u', name: 'u', jurisdiction: '310104000000', unitId: null, representativeId: null, ...caller }
  return { plugins: [pinia, i18n], directives: { auth: vAuth }, stubs: { transition: false, 'transition-group': false } }
}

/** The message the form item around a control shows (its error prop). */
export function errorOf(w: VueWrapper, testid: string): string | undefined {
  const item = w.findAllComponents({ name: 'ElFormItem' }).find((f) => f.find(`[data-testid="${testid}"]`).exists())
  return item?.props('error') as string | undefined
}

import type { Directive } from 'vue'
import type { ActionKey } from '@/auth/permissions'
import { useUserStore } from '@/store/user'

/** v-auth="'referral:route'": removes the element for roles that may not use the action. */
export const vAuth: Directive<HTMLElement, ActionKey> = {
  mounted(el, binding) {
    if (!useUserStore().can(binding.value)) el.parentNode?.removeChild(el)
  },
}

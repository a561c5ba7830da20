import { defineStore } from 'pinia'
import { callerFromClaims, decodeJwtPayload, type Caller, type Role } from '@/auth/claims'
import { can, menuFor, type ActionKey } from '@/auth/permissions'

export const useUserStore = defineStore('user', {
  state: () => ({ caller: null as Caller | null }),
  getters: {
    roles: (s): Role[] => s.caller?.roles ?? [],
    menu(): ReturnType<typeof menuFor> {
      return menuFor(this.roles)
    },
  },
  actions: {
    setToken(accessToken: string | null) {
      this.caller = accessToken ? callerFromClaims(decodeJwtPayload(accessToken)) : null
    },
    can(action: ActionKey): boolean {
      return can(action, this.roles)
    },
  },
})

import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts'
import type { RuntimeConfig } from '@/config/runtime'

/**
 * Authorization code + PKCE against the realm's public `console` client. Tokens live in
 * sessionStorage (gone with the tab); renewal runs silently (refresh token, else the hidden
 * iframe at /silent-renew.html); sign-out goes through Keycloak's end-session endpoint.
 */
let manager: UserManager | null = null

export function createUserManager(cfg: RuntimeConfig): UserManager {
  const origin = window.location.origin
  manager = new UserManager({
    authority: `${cfg.keycloakUrl}/realms/${cfg.realm}`,
    client_id: cfg.clientId,
    redirect_uri: `${origin}/auth/callback`,
    post_logout_redirect_uri: `${origin}/`,
    silent_redirect_uri: `${origin}/silent-renew.html`,
    popup_redirect_uri: `${origin}/silent-renew.html`,
    response_type: 'code',
    scope: 'openid profile email',
    automaticSilentRenew: true,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  })
  return manager
}

export function userManager(): UserManager {
  if (!manager) throw new Error('auth not initialised')
  return manager
}

export async function currentUser(): Promise<User | null> {
  // the resident's page (/public) runs without sign-in: no manager, no token
  if (!manager) return null
  const u = await manager.getUser()
  return u && !u.expired ? u : null
}

export async function accessToken(): Promise<string | null> {
  return (await currentUser())?.access_token ?? null
}

/** Starts the Keycloak login, remembering where the user wanted to go. */
export function signIn(returnTo: string): Promise<void> {
  return userManager().signinRedirect({ state: { returnTo } })
}

export function signOut(): Promise<void> {
  return userManager().signoutRedirect()
}

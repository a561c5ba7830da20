import { UserManager, WebStorageStateStore } from 'oidc-client-ts'

// Runs in the hidden iframe of a silent renewal or in the sign-in-again popup: hand the answer
// back to the app window (signinCallback tells the two apart by the stored request type).
new UserManager({ authority: '', client_id: '', redirect_uri: '', userStore: new WebStorageStateStore({ store: window.sessionStorage }) })
  .signinCallback()
  .catch(() => undefined)

import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/theme-chalk/base.css'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import 'element-plus/es/components/notification/style/css'
import 'element-plus/es/components/loading/style/css'
import './styles.css'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { loadConfig } from './config/runtime'
import { createUserManager, currentUser, signIn } from './auth/oidc'
import { useUserStore } from './store/user'
import { session } from './api/session'
import { vAuth } from './directives/auth'

async function start() {
  const app = createApp(App)
  const pinia = createPinia()
  app.use(pinia).use(i18n)
  app.directive('auth', vAuth)
  document.documentElement.lang = i18n.global.locale.value

  // the resident's page needs no sign-in and no Keycloak
  if (window.location.pathname === '/public') {
    app.use(router)
    await router.isReady()
    app.mount('#app')
    return
  }

  const cfg = await loadConfig()
  const um = createUserManager(cfg)
  const user = useUserStore()
  um.events.addUserLoaded((u) => {
    user.setToken(u.access_token)
    session.expired = false
  })
  um.events.addSilentRenewError(() => {
    session.expired = true
  })
  um.events.addAccessTokenExpired(() => {
    session.expired = true
  })

  const path = window.location.pathname
  if (path === '/auth/callback') {
    // Callback.vue finishes the code exchange and goes on to where the user was headed.
  } else {
    const u = await currentUser()
    if (!u) {
      await signIn(path + window.location.search + window.location.hash)
      return
    }
    user.setToken(u.access_token)
  }
  app.use(router)
  await router.isReady()
  app.mount('#app')
}

start().catch((e: Error) => {
  const el = document.getElementById('app')
  if (el) el.textContent = `控制台无法启动 / the console cannot start: ${e.message}`
})

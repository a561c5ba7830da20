import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// Element Plus components are imported on demand (the resolver adds the import and its CSS per use);
// the dev server forwards /api/<service>/ like server/serve.mjs does in production.
const target = (env: string, port: number) => process.env[env] ?? `http://127.0.0.1:${port}`
const strip = (prefix: string) => (p: string) => p.slice(prefix.length)

export default defineConfig({
  plugins: [
    vue(),
    Components({ dts: false, resolvers: [ElementPlusResolver({ importStyle: 'css' })] }),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        'silent-renew': fileURLToPath(new URL('./silent-renew.html', import.meta.url)),
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api/intake': { target: target('INTAKE_URL', 8081), rewrite: strip('/api/intake') },
      '/api/representative': { target: target('REPRESENTATIVE_URL', 8082), rewrite: strip('/api/representative') },
      '/api/referral': { target: target('REFERRAL_URL', 8083), rewrite: strip('/api/referral') },
      '/api/notification': { target: target('NOTIFICATION_URL', 8084), rewrite: strip('/api/notification') },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.spec.ts', 'server/**/*.spec.ts'],
    // Element Plus's per-component CSS imports must go through Vite, not Node
    server: { deps: { inline: ['element-plus'] } },
  },
})

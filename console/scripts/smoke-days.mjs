// Smoke run, part two (real platform): sub-district staff schedule a reception day with one of each
// kind, the NPC deputy confirms it, c12.staff cannot open a c11 case.  node scripts/smoke-days.mjs [outDir] [c11CaseId]
import fs from 'node:fs'
import path from 'node:path'
import { chromium } from 'playwright-core'

const base = process.env.CONSOLE_URL ?? 'http://127.0.0.1:8080'
const out = path.resolve(process.argv[2] ?? 'target/smoke')
const c11Case = process.argv[3]
fs.mkdirSync(out, { recursive: true })
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
const log = (...a) => console.log(new Date().toISOString().slice(11, 19), ...a)
async function signIn(username) {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
  const page = await ctx.newPage()
  page.on('pageerror', (e) => log(username, 'pageerror', e.message))
  page.on('response', (r) => { if (r.url().includes('/api/') && r.status() >= 400) log(username, r.status(), r.request().method(), r.url()) })
  await page.goto(`${base}/home`)
  await page.waitForSelector('#username', { timeout: 30000 })
  await page.fill('#username', username)
  await page.fill('#password', 'demo')
  await page.click('#kc-login')
  await page.waitForSelector('[data-testid="side-menu"]', { timeout: 30000 })
  return { ctx, page }
}
const shot = (page, name) => page.screenshot({ path: path.join(out, `${name}.png`) })
async function pick(page, testid, text) {
  await page.click(`[data-testid="${testid}"]`)
  await page.waitForTimeout(400)
  await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
  await page.waitForTimeout(400)
}

const sub1 = await signIn('sub1.staff')
await sub1.page.click('[data-testid="menu-reception-days"]')
await sub1.page.click('[data-testid="rd-schedule"]')
await pick(sub1.page, 'rd-schedule-community', '泾水社区')
const date = new Date(Date.now() + 8 * 3600e3 + 3 * 864e5).toISOString().slice(0, 10)
await sub1.page.fill('[data-testid="rd-schedule-date"] input', date)
await sub1.page.keyboard.press('Enter')
await sub1.page.fill('[data-testid="rd-schedule-place"]', '泾水社区党群服务中心')
await sub1.page.click('[data-testid="rd-schedule-roster"]')
await sub1.page.waitForTimeout(400)
for (const n of ['张建国', '刘红', '陈立']) await sub1.page.locator('.el-select-dropdown__item:visible', { hasText: n }).first().click()
await sub1.page.keyboard.press('Escape')
await shot(sub1.page, '20-schedule-dialog')
await sub1.page.click('[data-testid="rd-schedule-submit"]')
await sub1.page.waitForSelector('[data-testid="rd-detail-dialog"]', { timeout: 10000 }).catch(() => log('no detail dialog'))
await sub1.page.waitForTimeout(800)
await shot(sub1.page, '21-scheduled')

const rep = await signIn('rep.npc')
await rep.page.click('[data-testid="menu-my-reception-days"]')
await rep.page.waitForTimeout(1500)
await rep.page.locator('[data-testid^="my-day-confirm-"]').first().click()
await rep.page.waitForTimeout(1500)
await shot(rep.page, '22-my-day-confirmed')

if (c11Case) {
  const c12 = await signIn('c12.staff')
  await c12.page.goto(`${base}/cases/${c11Case}`)
  await c12.page.waitForTimeout(2000)
  await shot(c12.page, '23-c12-cannot-see-c11')
  await c12.page.click('[data-testid="menu-cases"]')
  await c12.page.waitForTimeout(2000)
  log('c12 case rows', await c12.page.locator('[data-testid^="case-row-"]').count())
  await shot(c12.page, '24-c12-cases')
}
log('done')
await browser.close()

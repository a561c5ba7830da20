// Smoke run against the real local platform (infra/local/platform up): signs in through the real
// Keycloak login page and walks the desk → board → unit path, taking screenshots. For development;
// the browser suite in e2e-tests is the real check.   node scripts/smoke-real.mjs [outDir]
import fs from 'node:fs'
import path from 'node:path'
import { chromium } from 'playwright-core'

const base = process.env.CONSOLE_URL ?? 'http://127.0.0.1:8080'
const out = path.resolve(process.argv[2] ?? 'target/smoke')
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

// 1. community clerk records the 泾水公寓 case at the desk
const c11 = await signIn('c11.staff')
await c11.page.click('[data-testid="menu-intake"]')
await c11.page.waitForSelector('[data-testid="intake-save"]')
await pick(c11.page, 'intake-channel', '热线')
await pick(c11.page, 'intake-line', '规划建设')
await c11.page.fill('[data-testid="intake-address"]', '泾水公寓 40、78、84 号楼')
await c11.page.fill('[data-testid="intake-households"] input', '120')
await c11.page.fill('[data-testid="intake-description"]', '泾水公寓南侧新建高层遮挡日照，120 户居民冬季采光不足')
await c11.page.fill('[data-testid="intake-visitor-0-name"]', '赵卫东')
await c11.page.fill('[data-testid="intake-visitor-0-phone"]', '13812341234')
await shot(c11.page, '01-intake-filled')
await c11.page.click('[data-testid="intake-save"]')
await c11.page.waitForSelector('[data-testid="receipt-code"]', { timeout: 20000 }).catch(async (e) => { await shot(c11.page, '01-intake-error'); throw e })
const code = (await c11.page.textContent('[data-testid="receipt-code"]')).trim()
log('receipt code', code)
await shot(c11.page, '02-intake-saved')
await c11.page.click('[data-testid="intake-open-case"]')
await c11.page.waitForSelector('[data-testid="case-detail"]')
const caseId = c11.page.url().split('/').pop()
log('case', caseId)
await shot(c11.page, '03-case-detail')
await c11.page.click('[data-testid="menu-cases"]')
await c11.page.waitForSelector('[data-testid="case-table"]')
await c11.page.waitForTimeout(1000)
await shot(c11.page, '04-cases')

// 2. the sub-district routes it as an inter-session suggestion
const sub1 = await signIn('sub1.staff')
await sub1.page.click('[data-testid="menu-referrals"]')
const routeBtn = sub1.page.locator('[data-testid^="board-route-"]').first()
for (let i = 0; i < 20 && !(await routeBtn.count()); i++) {
  await sub1.page.waitForTimeout(1500)
  await sub1.page.click('[data-testid="board-refresh"]')
}
await shot(sub1.page, '05-board')
await routeBtn.click()
await sub1.page.waitForSelector('[data-testid="route-dialog"]')
await sub1.page.click('[data-testid="route-option-INTER_SESSION_SUGGESTION"]')
await pick(sub1.page, 'route-unit', '市规划')
await pick(sub1.page, 'route-representative', '')
await shot(sub1.page, '06-route-dialog')
await sub1.page.click('[data-testid="route-submit"]')
await sub1.page.waitForTimeout(1500)
await shot(sub1.page, '07-board-after-route')
await sub1.page.click('[data-testid="menu-supervision"]')
await sub1.page.waitForTimeout(1500)
await shot(sub1.page, '08-supervision')
await sub1.page.click('[data-testid="menu-reception-days"]')
await sub1.page.waitForTimeout(1500)
await shot(sub1.page, '09-reception-days')

// 3. the city unit accepts and replies
const unit = await signIn('unit.city')
await unit.page.click('[data-testid="menu-handling"]')
const accept = unit.page.locator('[data-testid^="handling-accept-"]').first()
for (let i = 0; i < 20 && !(await accept.count()); i++) {
  await unit.page.waitForTimeout(1500)
  await unit.page.click('[data-testid="handling-refresh"]')
}
await shot(unit.page, '10-handling')
await accept.click()
await unit.page.click('[data-testid="handling-submit"]')
await unit.page.waitForTimeout(1500)
await unit.page.locator('#tab-handling').click()
await unit.page.locator('[data-testid^="handling-reply-"]').first().click()
await unit.page.fill('[data-testid="handling-text"]', '经核查，已协调建设单位对受影响住户给予采光补偿。')
await unit.page.click('[data-testid="handling-submit"]')
await unit.page.waitForTimeout(1500)
await shot(unit.page, '11-handling-replied')
await unit.page.click('[data-testid="menu-inbox"]')
await unit.page.waitForTimeout(2000)
await shot(unit.page, '12-inbox')

// 4. the clerk tells the resident; the representative sees their reception days
await c11.page.goto(`${base}/cases/${caseId}`)
await c11.page.waitForSelector('[data-testid="case-detail"]')
await c11.page.waitForTimeout(1500)
await shot(c11.page, '13-case-replied')
const rep = await signIn('rep.npc')
await rep.page.click('[data-testid="menu-my-reception-days"]')
await rep.page.waitForTimeout(1500)
await shot(rep.page, '14-my-days')
log('done')
await browser.close()

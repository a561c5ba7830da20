// UI preview with canned answers: drives the built console in Debian's Chromium with Keycloak and
// the services replaced by fixed answers (page.route), takes a screenshot of every screen per role
// and runs axe-core on each (serious/critical listed). For looking at the screens while building
// them; it tests no service. The real browser suite is in e2e-tests.
//   node scripts/preview.mjs [outDir]      (needs dist/: npm run build)
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { chromium } from 'playwright-core'
import { createServer } from '../server/serve.mjs'

const require = createRequire(import.meta.url)
const out = path.resolve(process.argv[2] ?? 'target/preview')
fs.mkdirSync(out, { recursive: true })
const KC = 'http://kc.invalid'
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url')
const jwt = (claims) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.sig`

const USERS = {
  'c11.staff': { name: '社区工作人员 王芳', roles: ['community-staff'], jurisdiction: '310104001001' },
  'sub1.staff': { name: '街道人大工委 李明', roles: ['subdistrict-staff'], jurisdiction: '310104001000' },
  'unit.city': { name: '市规划局 信访办', roles: ['handling-unit'], jurisdiction: '310100000000', unit: 'u-city' },
  'rep.npc': { name: '张代表', roles: ['representative'], jurisdiction: '310104001001', representative_id: 'r-1' },
}

const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)
const addDays = (n) => new Date(Date.parse(today) + n * 864e5).toISOString().slice(0, 10)
const CASE = 'c0ffee00-0000-4000-8000-000000000001'
const REF = (n) => `aaaaaaaa-0000-4000-8000-00000000000${n}`
const referral = (n, over) => ({
  id: REF(n), caseId: CASE, communityCode: '310104001001', subdistrictCode: '310104001000', lineCode: 'planning',
  address: '泾水公寓 40、78、84 号楼', description: '泾水公寓南侧新建高层遮挡日照，120 户居民冬季采光不足，要求核查规划许可并提出补偿方案。',
  households: 120, urgency: 'NORMAL', status: 'TO_ROUTE', allowedActions: ['ROUTE'], suggestedRoute: 'INTER_SESSION_SUGGESTION',
  suggestedUnitId: 'u-city', route: null, unitId: null, representativeId: null, difficult: false, acknowledgeBy: addDays(4),
  returnBy: null, dueDate: addDays(4), deadlineKind: 'ACKNOWLEDGE', openedAt: new Date().toISOString(), referredAt: null,
  acceptedAt: null, repliedAt: null, repliedOnTime: null, reply: null, informedAt: null, closedAt: null, outcome: null,
  extendedDays: null, reopenCount: 0, reviewRequested: false, satisfaction: null, repeatCount: 0, priority: 1,
  watchTier: 'SUBDISTRICT', watchJurisdiction: '310104001000', mergedInto: null, ...over,
})
const REFERRALS = [
  referral(1, { repeatCount: 2 }),
  referral(2, { description: '枫林路夜间施工噪声扰民', lineCode: 'environment', households: 3, status: 'RETURNED', dueDate: addDays(1), suggestedRoute: 'SUBDISTRICT_DEPARTMENT', suggestedUnitId: 'u-env' }),
  referral(3, { description: '小区电梯频繁故障', lineCode: 'public-safety', households: 40, status: 'REFERRED', allowedActions: ['ACCEPT', 'RETURN'], route: 'INTER_SESSION_SUGGESTION', unitId: 'u-city', dueDate: addDays(-3), returnBy: addDays(-1) }),
  referral(4, { description: '老旧小区加装电梯进度', lineCode: 'housing', households: 60, status: 'IN_PROGRESS', allowedActions: ['PROGRESS', 'EXTEND', 'REPLY'], route: 'INTER_SESSION_SUGGESTION', unitId: 'u-city', dueDate: addDays(30), watchTier: 'DISTRICT' }),
]
const UNITS = [
  { id: 'u-city', name: '市规划和自然资源局 / City planning', tier: 'CITY', lines: ['planning', 'housing', 'public-safety'], jurisdiction: '310100000000', active: true },
  { id: 'u-env', name: '第一街道生态环境办公室 / Env', tier: 'SUBDISTRICT', lines: ['environment'], jurisdiction: '310104001000', active: true },
  { id: 'u-c11', name: '第一社区居委会 / C11', tier: 'COMMUNITY', lines: ['*'], jurisdiction: '310104001001', active: true },
  { id: 'u-house', name: '第一街道房屋管理办公室 / Housing', tier: 'SUBDISTRICT', lines: ['housing', 'planning'], jurisdiction: '310104001000', active: true },
]
const REPS = [
  { id: 'r-1', name: '张建国', kind: 'NPC_DEPUTY', kindLabel: '人大代表', constituencyCode: '310104001001', active: true },
  { id: 'r-2', name: '刘红', kind: 'PARTY_DELEGATE', kindLabel: '党代表', constituencyCode: '310104001001', active: true },
  { id: 'r-3', name: '陈立', kind: 'CPPCC_MEMBER', kindLabel: '政协委员', constituencyCode: '310104001001', active: true },
]
const DAY = {
  id: 'd-1', communityCode: '310104001001', date: today, startTime: '09:00:00', endTime: '11:30:00', place: '泾水社区党群服务中心',
  status: 'SCHEDULED', cancelReason: null,
  roster: [
    { representativeId: 'r-1', name: '张建国', kind: 'NPC_DEPUTY', status: 'CONFIRMED', declineReason: null, attended: false, absent: false },
    { representativeId: 'r-2', name: '刘红', kind: 'PARTY_DELEGATE', status: 'INVITED', declineReason: null, attended: false, absent: false },
  ],
  warnings: [{ code: 'kind-missing', message: '', messageZh: '接待名单中没有政协委员', messageEn: 'no CPPCC member on the roster' }],
}
const DETAIL = {
  id: CASE, channel: 'RECEPTION_DAY', communityCode: '310104001001', communityName: '泾水社区', lineCode: 'planning', lineName: '规划建设',
  address: '泾水公寓 40、78、84 号楼', latitude: null, longitude: null, description: REFERRALS[0].description, households: 120, persons: 150,
  groupPetition: true, urgency: 'NORMAL', receptionDayId: 'd-1', receivedOn: today, receivingRepresentativeIds: ['r-1'], visitorCount: 1,
  anonymous: false, hasContact: true, contactsMasked: false,
  visitors: [{ name: '赵卫东', phone: '13812341234', idNumber: '11010519491231002X', email: null, masked: false }],
  status: 'REFERRING', statusLabel: '转办中', expectedDate: addDays(60), referralId: REF(1), repeatOf: null, repeatCount: 2,
  recordedAt: new Date().toISOString(),
  timeline: [{ kind: 'RECORDED', labelZh: '已登记', labelEn: 'Recorded', detail: null, dueDate: null, occurredAt: new Date().toISOString() }],
}
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const data = 'A1B2C3D4E5F'
const check = (ALPHABET + '*~$=U')[[...data].reduce((v, c) => (v * 32 + ALPHABET.indexOf(c)) % 37, 0)]
const CODE = `${data.slice(0, 4)}-${data.slice(4, 8)}-${data.slice(8)}${check}`

function api(url, method) {
  const p = url.pathname.replace(/^\/api\/[a-z]+/, '')
  if (p === '/open311/v2/services.json') return [{ service_code: 'planning', service_name: '规划建设 / Planning' }, { service_code: 'housing', service_name: '住房保障 / Housing' }, { service_code: 'environment', service_name: '生态环境 / Environment' }]
  if (p === '/public/cases/status') return { receiptCode: CODE, status: 'REPLIED', statusLabelZh: '已答复', statusLabelEn: 'Replied', lineName: '规划建设', receivedOn: today, expectedDate: addDays(60), feedbackOpen: true, reply: '经核查，该项目规划许可合规；已协调建设单位对受影响住户给予采光补偿。', milestones: [{ kind: 'RECORDED', labelZh: '已登记', labelEn: 'Recorded', date: today, dueDate: null }, { kind: 'REFERRED', labelZh: '已转办至承办单位', labelEn: 'Referred', date: today, dueDate: addDays(60) }, { kind: 'REPLIED', labelZh: '承办单位已答复', labelEn: 'Replied', date: today, dueDate: null }] }
  if (p === '/cases' && method === 'POST') return [201, { ...DETAIL, receiptCode: CODE, status: 'RECORDED' }]
  if (p === '/cases') return { items: [DETAIL, { ...DETAIL, id: 'c2', description: '枫林路夜间施工噪声扰民', lineCode: 'environment', groupPetition: false, repeatCount: 0 }].map((c) => ({ ...c, descriptionExcerpt: c.description, repeat: c.repeatCount > 0 })), nextCursor: 'x' }
  if (p.startsWith('/cases/')) return DETAIL
  if (p === '/referrals') return REFERRALS
  if (/^\/referrals\/[^/]+\/timeline$/.test(p)) return [{ id: 1, at: new Date().toISOString(), actor: 'x', actorRole: 'handling-unit', action: 'RETURN', fromStatus: 'REFERRED', toStatus: 'RETURNED', reason: '不属本单位职责，应由区生态环境局办理' }]
  if (p.startsWith('/referrals/')) return REFERRALS[0]
  if (p === '/units') return UNITS
  if (p.startsWith('/calendar/20')) return [{ day: '2026-10-01', kind: 'HOLIDAY', name: '国庆节' }]
  if (p === '/representatives') return REPS
  if (p.startsWith('/calendar/')) return { jurisdiction: '310104001000', month: today.slice(0, 7), receptionDays: [DAY, { ...DAY, id: 'd-2', date: addDays(7), communityCode: '310104001002', place: '枫林社区活动室' }] }
  if (p === '/reception-days/mine') return [DAY]
  if (p === '/inbox/stream') return null
  if (p === '/inbox') return [
    { id: 'n1', userSubject: 's', sourceEventType: 'REFERRAL_ROUTED', title: '新转办件：泾水公寓日照问题', body: '请于 5 个工作日内签收。', createdAt: new Date().toISOString(), sentAt: new Date().toISOString(), readAt: null },
    { id: 'n2', userSubject: 's', sourceEventType: 'RECEPTION_DAY_SCHEDULED', title: '接访日安排', body: `${today} 泾水社区`, createdAt: new Date().toISOString(), sentAt: new Date().toISOString(), readAt: new Date().toISOString() },
  ]
  return [404, { status: 404, title: '未找到 / Not found', titleZh: '未找到', titleEn: 'Not found' }]
}

const server = createServer({ host: '127.0.0.1', port: 0, dist: path.resolve('dist'), config: { keycloakUrl: KC, realm: 'minqing', clientId: 'console' }, upstreams: {} })
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const base = `http://127.0.0.1:${server.address().port}`
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
const report = []

async function session(username) {
  const u = USERS[username]
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
  const page = await ctx.newPage()
  page.on('pageerror', (e) => report.push(`${username} pageerror ${e.message}`))
  await page.route(`${KC}/**`, async (route) => {
    const url = new URL(route.request().url())
    const realm = `${KC}/realms/minqing`
    if (url.pathname.endsWith('/.well-known/openid-configuration')) {
      return route.fulfill({ json: { issuer: realm, authorization_endpoint: `${realm}/auth`, token_endpoint: `${realm}/token`, end_session_endpoint: `${realm}/logout`, jwks_uri: `${realm}/certs`, userinfo_endpoint: `${realm}/userinfo` } })
    }
    if (url.pathname.endsWith('/auth')) {
      const back = new URL(url.searchParams.get('redirect_uri'))
      back.searchParams.set('code', 'c')
      back.searchParams.set('state', url.searchParams.get('state'))
      return route.fulfill({ status: 302, headers: { location: back.toString() } })
    }
    if (url.pathname.endsWith('/token')) {
      const now = Math.floor(Date.now() / 1000)
      const claims = { iss: realm, aud: 'console', azp: 'console', sub: `sub-${username}`, preferred_username: username, name: u.name, iat: now, exp: now + 3600, realm_access: { roles: ['default-roles-minqing', ...u.roles] }, jurisdiction: u.jurisdiction, unit: u.unit, representative_id: u.representative_id }
      return route.fulfill({ json: { access_token: jwt(claims), id_token: jwt(claims), token_type: 'Bearer', expires_in: 3600, scope: 'openid profile email' } })
    }
    return route.fulfill({ status: 404 })
  })
  await page.route(`${base}/api/**`, async (route) => {
    const url = new URL(route.request().url())
    if (url.pathname.endsWith('/inbox/stream')) return route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream' }, body: 'data: {"kind":"connected","notice":null}\n\n' })
    let r = api(url, route.request().method())
    let status = 200
    if (Array.isArray(r) && typeof r[0] === 'number') [status, r] = r
    return route.fulfill({ status, contentType: status >= 400 ? 'application/problem+json' : 'application/json', body: JSON.stringify(r) })
  })
  await page.goto(`${base}/home`)
  await page.waitForSelector('[data-testid="side-menu"]', { timeout: 20000 })
  return { ctx, page }
}

async function shoot(page, name, username) {
  await page.waitForTimeout(700)
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: false })
  await page.addScriptTag({ content: axeSource })
  const res = await page.evaluate(async () => (await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] })).violations.map((v) => ({ id: v.id, impact: v.impact, n: v.nodes.length, target: v.nodes.slice(0, 3).map((x) => x.target.join(' ')) })))
  const bad = res.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  report.push(`${name} (${username}): ${bad.length ? JSON.stringify(bad) : 'axe: no serious/critical'}${res.length - bad.length ? ` [+${res.length - bad.length} minor/moderate: ${res.filter((v) => !bad.includes(v)).map((v) => v.id).join(',')}]` : ''}`)
}

const plan = {
  'sub1.staff': [['home', '/home'], ['reception-days', '/reception-days'], ['cases', '/cases'], ['case-detail', `/cases/${CASE}`], ['referrals', '/referrals'], ['supervision', '/supervision'], ['inbox', '/inbox']],
  'c11.staff': [['intake', '/intake']],
  'unit.city': [['handling', '/handling']],
  'rep.npc': [['my-reception-days', '/my-reception-days']],
}
for (const [username, pages] of Object.entries(plan)) {
  const { ctx, page } = await session(username)
  for (const [name, url] of pages) {
    await page.goto(`${base}${url}`)
    await page.waitForSelector('[data-testid="app-main"]')
    await shoot(page, name, username)
    if (name === 'referrals') {
      await page.click(`[data-testid="board-route-${REF(1)}"]`)
      await shoot(page, 'referrals-route-dialog', username)
      await page.keyboard.press('Escape')
    }
    if (name === 'case-detail') {
      await page.click('[data-testid="case-full-read"]')
      await shoot(page, 'case-full-read-dialog', username)
      await page.click('[data-testid="case-full-read-confirm"]')
      await shoot(page, 'case-detail-full', username)
    }
    if (name === 'intake') {
      await page.fill('[data-testid="intake-description"]', '泾水公寓南侧新建高层遮挡日照')
      await page.fill('[data-testid="intake-visitor-0-phone"]', '1381234')
      await page.fill('[data-testid="intake-visitor-0-id-number"]', '110105194912310021')
      await shoot(page, 'intake-typing', username)
      await page.fill('[data-testid="intake-visitor-0-phone"]', '13812341234')
      await page.fill('[data-testid="intake-visitor-0-id-number"]', '11010519491231002X')
      await page.click('[data-testid="intake-line"]')
      await page.waitForTimeout(400)
      await page.locator('.el-select-dropdown__item:visible', { hasText: '规划建设' }).first().click()
      await page.click('[data-testid="intake-save"]')
      await page.waitForSelector('[data-testid="receipt-code"]')
      await page.waitForSelector('[data-testid="receipt-slip-qr"] svg')
      await shoot(page, 'intake-saved', username)
      await page.emulateMedia({ media: 'print' })
      await page.screenshot({ path: path.join(out, 'intake-slip-print.png') })
      await page.emulateMedia({ media: 'screen' })
    }
    if (name === 'reception-days') {
      await page.click('[data-testid="rd-day-d-1"]')
      await shoot(page, 'reception-day-detail', username)
      await page.keyboard.press('Escape')
    }
  }
  await ctx.close()
}
{
  // the resident's page on a phone, no sign-in
  const ctx = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN' })
  const page = await ctx.newPage()
  await page.route(`${base}/api/**`, (route) => route.fulfill({ json: api(new URL(route.request().url()), route.request().method()) }))
  await page.goto(`${base}/public#code=${CODE}`)
  await page.waitForSelector('[data-testid="public-status"]')
  await shoot(page, 'public-phone', 'resident')
  await page.fill('[data-testid="public-code"]', CODE.slice(0, 5) + CODE[6] + CODE[5] + CODE.slice(7))
  await page.click('[data-testid="public-lookup"]')
  await shoot(page, 'public-phone-typo', 'resident')
  await ctx.close()
}
console.log(report.join('\n'))
await browser.close()
server.close()

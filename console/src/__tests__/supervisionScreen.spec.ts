import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, RouterLinkStub } from '@vue/test-utils'
import type { DelegatedReferral, Referral } from '@/api/referral'
import { ApiError } from '@/api/http'
import { addDays, todayInChina } from '@/utils/deadline'
import type { Role } from '@/auth/claims'
import { signedIn } from './support/view'

const list = vi.fn()
const delegated = vi.fn()
vi.mock('@/api/referral', async (orig) => ({
  ...(await orig<typeof import('@/api/referral')>()),
  referralApi: {
    list: (...a: unknown[]) => list(...a),
    delegated: (...a: unknown[]) => delegated(...a),
    units: async () => [{ id: 'u-house', name: '第二街道房屋管理办公室 / Housing', tier: 'SUBDISTRICT', lines: ['*'], jurisdiction: '310104002000', active: true }],
    calendar: async () => [],
    calendarYears: async () => [],
  },
}))
vi.mock('@/api/reports', async (orig) => ({
  ...(await orig<typeof import('@/api/reports')>()),
  reportsApi: { openSupervisions: async () => [] },
}))
vi.mock('vue-router', () => ({ useRouter: () => ({ push: vi.fn() }) }))

import Supervision from '@/views/supervision/Supervision.vue'

const today = todayInChina()
const OWN = 'aaaaaaaa-0000-4000-8000-000000000003'
const REMOTE = 'aaaaaaaa-0000-4000-8000-000000000007'
const own = { id: OWN, caseId: 'c3', communityCode: '310104002001', subdistrictCode: '310104002000', lineCode: 'housing', address: null, description: '小区电梯频繁故障', households: 40, urgency: 'NORMAL', status: 'IN_PROGRESS', allowedActions: [], suggestedRoute: null, suggestedUnitId: null, route: 'SUBDISTRICT_DEPARTMENT', unitId: 'u-house', representativeId: null, difficult: false, acknowledgeBy: null, returnBy: null, dueDate: addDays(today, -3), deadlineKind: 'RESOLVE', openedAt: '2026-09-01T00:00:00Z', referredAt: null, acceptedAt: null, repliedAt: null, repliedOnTime: null, reply: null, informedAt: null, closedAt: null, outcome: null, extendedDays: null, reopenCount: 0, reviewRequested: false, satisfaction: null, repeatCount: 0, priority: 1, watchTier: 'SUBDISTRICT', watchJurisdiction: '310104002000', mergedInto: null } as Referral
const remote: DelegatedReferral = { referralId: REMOTE, pieceId: 'sd-310104001', caseId: 'c7', communityCode: '310104001002', lineCode: 'housing', status: 'IN_PROGRESS', route: 'SUBDISTRICT_DEPARTMENT', unitId: 'u-remote', unitName: '第一街道房屋管理办公室', acknowledgeBy: null, dueDate: addDays(today, -1), deadlineKind: 'RESOLVE', watchTier: 'DISTRICT', watchJurisdiction: '310104000000', escalated: true, priority: 3, repeatCount: 1, openedAt: '2026-09-01T00:00:00Z', lastEventAt: '2026-09-28T00:00:00Z' }

const mounted: Array<{ unmount(): void }> = []
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()))
beforeEach(() => {
  list.mockReset().mockResolvedValue([own])
  delegated.mockReset().mockResolvedValue([remote])
})

async function mountAs(roles: Role[], jurisdiction = '310104000000') {
  const global = signedIn({ roles, jurisdiction })
  const w = mount(Supervision, { global: { ...global, stubs: { ...global.stubs, RouterLink: RouterLinkStub } }, attachTo: document.body })
  mounted.push(w)
  await flushPromises()
  return w
}
const count = (w: Awaited<ReturnType<typeof mountAs>>, g: string) => w.find(`[data-testid="supervision-count-${g}"] .n`).text()
const row = (w: Awaited<ReturnType<typeof mountAs>>, id: string) => w.find(`[data-testid="supervision-deadline-${id}"]`).element.closest('tr')!

describe('督办 screen: the district sees the delegated sub-districts\' referrals too (issue 14, ADR 0020)', { timeout: 30000 }, () => {
  it('counts and lists the delegated overdue, escalated referral beside its own; the delegated row is marked, not linked, and offers the forwarding 督办', async () => {
    const w = await mountAs(['district-staff'])
    expect(delegated).toHaveBeenCalledWith({ watchedByMe: undefined, page: 0 })
    expect(count(w, 'overdue')).toBe('2')
    expect(count(w, 'approaching')).toBe('0')
    expect(count(w, 'escalated')).toBe('1')
    const table = w.find('[data-testid="supervision-table-overdue"]')
    expect(table.exists()).toBe(true)
    const r = row(w, REMOTE)
    expect(r.querySelector(`[data-testid="supervision-held-by-${REMOTE}"]`)?.textContent).toContain('下级部署单元办理：sd-310104001')
    expect(r.textContent).toContain('第一街道房屋管理办公室')
    expect(r.querySelector('[data-deadline-state]')?.getAttribute('data-deadline-state')).toBe('overdue')
    expect(r.querySelector('a')).toBeNull()
    expect(w.findAllComponents(RouterLinkStub).map((l) => l.props('to'))).toEqual(['/cases/c3'])
    expect(r.querySelector(`[data-testid="supervision-issue-${REMOTE}"]`)).toBeNull()
    // this piece's row keeps what the browser tests read
    const o = row(w, OWN)
    expect(o.querySelector(`[data-testid="supervision-issue-${OWN}"]`)).not.toBeNull()
    expect(o.querySelector('[data-testid^="supervision-held-by"]')).toBeNull()
    ;(r.querySelector(`[data-testid="supervision-delegated-${REMOTE}"]`) as HTMLButtonElement).click()
    await flushPromises()
    const dialog = document.querySelector('[data-testid="delegated-supervision-dialog"]')
    expect(dialog?.textContent).toContain('sd-310104001')
  })

  it('the tier filter and watched-by-me apply to the delegated rows', async () => {
    const w = await mountAs(['district-staff'])
    const vm = w.vm as unknown as { $: { setupState: { tier: string; watchedByMe: boolean; load: () => Promise<void> } } }
    vm.$.setupState.tier = 'SUBDISTRICT'
    await flushPromises()
    expect(count(w, 'overdue')).toBe('1')
    expect(count(w, 'escalated')).toBe('0')
    vm.$.setupState.tier = 'DISTRICT'
    await flushPromises()
    expect(count(w, 'overdue')).toBe('1')
    expect(w.find(`[data-testid="supervision-held-by-${REMOTE}"]`).exists()).toBe(true)
    vm.$.setupState.watchedByMe = true
    await vm.$.setupState.load()
    expect(delegated).toHaveBeenLastCalledWith({ watchedByMe: true, page: 0 })
  })

  it('sub-district staff see the delegated row without the forwarding 督办 (district staff only)', async () => {
    const w = await mountAs(['subdistrict-staff'], '310104001000')
    const r = row(w, REMOTE)
    expect(r.querySelector('button')).toBeNull()
    expect(count(w, 'overdue')).toBe('2')
  })

  it('a refused delegated call (403) shows this piece\'s referrals as before, without an error banner', async () => {
    delegated.mockRejectedValue(new ApiError('problem', 403, { status: 403, title: 'Forbidden' }, 'Forbidden'))
    const w = await mountAs(['district-staff'])
    expect(count(w, 'overdue')).toBe('1')
    expect(count(w, 'escalated')).toBe('0')
    expect(w.find('[data-testid="supervision-table-overdue"]').exists()).toBe(true)
    expect(w.find(`[data-testid="supervision-deadline-${OWN}"]`).exists()).toBe(true)
    expect(document.querySelector('[role="alert"]')).toBeNull()
  })

  it('a single piece (the read model answers []) is as before', async () => {
    delegated.mockResolvedValue([])
    const w = await mountAs(['district-staff'])
    expect([count(w, 'overdue'), count(w, 'approaching'), count(w, 'escalated')]).toEqual(['1', '0', '0'])
  })
})

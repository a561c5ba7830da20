import { describe, expect, it } from 'vitest'
import type { DelegatedReferral, Referral } from '@/api/referral'
import { ApiError } from '@/api/http'
import { toCalendarMap } from '@/utils/deadline'
import { allPages, delegatedRow, groupSupervision, loadDelegatedOrNone, supervisionRows } from '@/utils/supervisionGroups'

// Tuesday 29 September 2026; 国庆 1–7 October are rest days, Saturday 10 October an adjusted working day (调休)
const TODAY = '2026-09-29'
const NATIONAL_DAY = toCalendarMap([
  ...['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'].map((day) => ({ day, kind: 'HOLIDAY' as const })),
  { day: '2026-10-10', kind: 'ADJUSTED_WORKDAY' as const },
])

const own = (id: string, over: Partial<Referral> = {}): Referral => ({
  id, caseId: `case-${id}`, communityCode: '310104002001', subdistrictCode: '310104002000', lineCode: 'housing', address: null,
  description: '电梯故障', households: 1, urgency: 'NORMAL', status: 'IN_PROGRESS', allowedActions: [], suggestedRoute: null,
  suggestedUnitId: null, route: 'SUBDISTRICT_DEPARTMENT', unitId: 'u-house', representativeId: null, difficult: false,
  acknowledgeBy: null, returnBy: null, dueDate: '2026-12-31', deadlineKind: 'RESOLVE', openedAt: '2026-09-01T00:00:00Z',
  referredAt: null, acceptedAt: null, repliedAt: null, repliedOnTime: null, reply: null, informedAt: null, closedAt: null,
  outcome: null, extendedDays: null, reopenCount: 0, reviewRequested: false, satisfaction: null, repeatCount: 0, priority: 1,
  watchTier: 'SUBDISTRICT', watchJurisdiction: '310104002000', mergedInto: null, ...over,
})

const delegated = (id: string, over: Partial<DelegatedReferral> = {}): DelegatedReferral => ({
  referralId: id, pieceId: 'sd-310104001', caseId: `case-${id}`, communityCode: '310104001002', lineCode: 'housing',
  status: 'IN_PROGRESS', route: 'SUBDISTRICT_DEPARTMENT', unitId: 'u-house', unitName: '第一街道房屋管理办公室',
  acknowledgeBy: null, dueDate: '2026-12-31', deadlineKind: 'RESOLVE', watchTier: 'SUBDISTRICT', watchJurisdiction: '310104001000',
  escalated: false, priority: 1, repeatCount: 0, openedAt: '2026-09-01T00:00:00Z', lastEventAt: '2026-09-28T00:00:00Z', ...over,
})

const ids = (rows: { id: string }[]) => rows.map((r) => r.id)

describe('督办 groups: this piece\'s referrals and the delegated sub-districts\' (issue 14, ADR 0020)', () => {
  it('a delegated row names its piece and unit, carries the read model\'s current due date and has no local referral', () => {
    const r = delegatedRow(delegated('d1', { dueDate: '2026-09-28' }))
    expect(r).toMatchObject({ id: 'd1', pieceId: 'sd-310104001', unitName: '第一街道房屋管理办公室', due: '2026-09-28', finished: false })
    expect(r.referral).toBeUndefined()
    // before routing the acknowledge-by date decides, as for this piece's referrals
    expect(delegatedRow(delegated('d2', { status: 'TO_ROUTE', acknowledgeBy: '2026-09-30', dueDate: '2026-10-30' })).due).toBe('2026-09-30')
    expect(delegatedRow(delegated('d3', { pieceId: ' ' })).pieceId).toBeNull()
  })

  it('lists own rows (merged ones left out) then delegated ones; a delegated copy of an own referral is dropped', () => {
    const rows = supervisionRows([own('o1'), own('o2', { mergedInto: 'o1' })], [delegated('d1'), delegated('o1')])
    expect(ids(rows)).toEqual(['o1', 'd1'])
    expect(rows[0].pieceId).toBeNull()
    expect(rows[0].referral?.id).toBe('o1')
    expect(rows[1].pieceId).toBe('sd-310104001')
  })

  it('超期: past the current due date, own and delegated alike; finished ones are not counted', () => {
    const rows = supervisionRows(
      [own('o-late', { dueDate: '2026-09-28' }), own('o-replied', { dueDate: '2026-09-01', status: 'REPLIED' })],
      [delegated('d-late', { dueDate: '2026-09-25' }), delegated('d-closed', { dueDate: '2026-09-01', status: 'CLOSED' }),
        delegated('d-unrouted', { status: 'TO_ROUTE', acknowledgeBy: '2026-09-28', dueDate: '2026-10-30' })],
    )
    const g = groupSupervision(rows, '', TODAY, NATIONAL_DAY)
    expect(ids(g.overdue)).toEqual(['o-late', 'd-late', 'd-unrouted'])
  })

  it('临期: at most three working days left on the official calendar, holidays not counted', () => {
    // 9 October: 30 Sep, 8 and 9 Oct are the working days left once 国庆 is off; eight on a bare weekday count
    const rows = supervisionRows([own('o-soon', { dueDate: '2026-10-01' })], [delegated('d-after-holiday', { dueDate: '2026-10-09' }), delegated('d-far', { dueDate: '2026-10-20' })])
    expect(ids(groupSupervision(rows, '', TODAY, NATIONAL_DAY).approaching)).toEqual(['o-soon', 'd-after-holiday'])
    expect(ids(groupSupervision(rows, '', TODAY, new Map()).approaching)).toEqual(['o-soon'])
    // an adjusted working Saturday counts: 8, 9, 10 (调休) and 12 October are four days left from 7 October
    const adjusted = supervisionRows([], [delegated('d-12', { dueDate: '2026-10-12' })])
    expect(ids(groupSupervision(adjusted, '', '2026-10-07', NATIONAL_DAY).approaching)).toEqual([])
    expect(ids(groupSupervision(adjusted, '', '2026-10-07', new Map()).approaching)).toEqual(['d-12'])
  })

  it('已升级: watched at district tier, whatever the due date; not once finished', () => {
    const rows = supervisionRows(
      [own('o-esc', { watchTier: 'DISTRICT' }), own('o-sub')],
      [delegated('d-esc', { watchTier: 'DISTRICT', escalated: true }), delegated('d-esc-done', { watchTier: 'DISTRICT', status: 'RESIDENT_INFORMED' }), delegated('d-sub')],
    )
    const g = groupSupervision(rows, '', TODAY, NATIONAL_DAY)
    expect(ids(g.escalated)).toEqual(['o-esc', 'd-esc'])
    expect(g.overdue).toEqual([])
  })

  it('the tier filter applies to delegated rows too', () => {
    const rows = supervisionRows(
      [own('o-sub', { dueDate: '2026-09-01' }), own('o-dist', { dueDate: '2026-09-01', watchTier: 'DISTRICT' })],
      [delegated('d-sub', { dueDate: '2026-09-01' }), delegated('d-dist', { dueDate: '2026-09-01', watchTier: 'DISTRICT' }), delegated('d-com', { dueDate: '2026-09-01', watchTier: 'COMMUNITY' })],
    )
    expect(ids(groupSupervision(rows, 'DISTRICT', TODAY, NATIONAL_DAY).overdue)).toEqual(['o-dist', 'd-dist'])
    expect(ids(groupSupervision(rows, 'SUBDISTRICT', TODAY, NATIONAL_DAY).overdue)).toEqual(['o-sub', 'd-sub'])
    expect(ids(groupSupervision(rows, 'COMMUNITY', TODAY, NATIONAL_DAY).overdue)).toEqual(['d-com'])
    expect(ids(groupSupervision(rows, 'SUBDISTRICT', TODAY, NATIONAL_DAY).escalated)).toEqual([])
    expect(groupSupervision(rows, '', TODAY, NATIONAL_DAY).overdue).toHaveLength(5)
  })

  it('a failed delegated call leaves this piece\'s referrals alone', async () => {
    const forbidden = new ApiError('problem', 403, { status: 403, title: 'Forbidden' }, 'Forbidden')
    expect(await loadDelegatedOrNone(() => Promise.reject(forbidden))).toEqual([])
    expect(await loadDelegatedOrNone(() => Promise.reject(new ApiError('network', 0, null, 'offline')))).toEqual([])
    expect(await loadDelegatedOrNone(async () => [delegated('d1')])).toHaveLength(1)
    const rows = supervisionRows([own('o-late', { dueDate: '2026-09-28' })], await loadDelegatedOrNone(() => Promise.reject(forbidden)))
    expect(ids(groupSupervision(rows, '', TODAY, NATIONAL_DAY).overdue)).toEqual(['o-late'])
  })

  it('reads every page of the delegated list until a short one (more than 500 delegated referrals)', async () => {
    const asked: number[] = []
    const pages = [Array.from({ length: 500 }, (_, i) => `a${i}`), Array.from({ length: 500 }, (_, i) => `b${i}`), ['c0', 'c1']]
    const all = await allPages(async (n) => { asked.push(n); return pages[n] ?? [] })
    expect(asked).toEqual([0, 1, 2])
    expect(all).toHaveLength(1002)
    expect(all[500]).toBe('b0')
    // A full last page means one more (empty) call; the cap stops a list that never ends.
    const capped: number[] = []
    expect(await allPages(async (n) => { capped.push(n); return ['x', 'y'] }, 2, 3)).toHaveLength(6)
    expect(capped).toEqual([0, 1, 2])
  })
})

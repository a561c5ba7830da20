import { describe, expect, it } from 'vitest'
import { allowedUnits, boardTabs, linkedRepeatCases, needsRepresentative, returnReason } from '@/utils/routing'
import type { Referral, TimelineEntry, Unit } from '@/api/referral'

// the demo units of referral-service's V2 seed
const units: Unit[] = [
  { id: 'housing-1', name: '第一街道房屋管理办公室', tier: 'SUBDISTRICT', lines: ['housing', 'planning'], jurisdiction: '310104001000', active: true },
  { id: 'city', name: '市规划和自然资源局', tier: 'CITY', lines: ['planning', 'housing'], jurisdiction: '310100000000', active: true },
  { id: 'c11', name: '第一社区居委会', tier: 'COMMUNITY', lines: ['*'], jurisdiction: '310104001001', active: true },
  { id: 'c12', name: '第二社区居委会', tier: 'COMMUNITY', lines: ['*'], jurisdiction: '310104001002', active: true },
  { id: 'env-1', name: '第一街道生态环境办公室', tier: 'SUBDISTRICT', lines: ['environment'], jurisdiction: '310104001000', active: true },
  { id: 'housing-2', name: '第二街道房屋管理办公室', tier: 'SUBDISTRICT', lines: ['housing', 'planning'], jurisdiction: '310104002000', active: true },
  { id: 'old', name: '撤销的单位', tier: 'DISTRICT', lines: ['planning'], jurisdiction: '310104000000', active: false },
]
const r = { communityCode: '310104001001', subdistrictCode: '310104001000', lineCode: 'planning' }
const ids = (route: Parameters<typeof allowedUnits>[0]) => allowedUnits(route, r, units).map((u) => u.id)

describe('which units each route allows', () => {
  it('community: only the case’s own community office', () => expect(ids('COMMUNITY')).toEqual(['c11']))
  it('sub-district: that sub-district’s department for the line', () => expect(ids('SUBDISTRICT_DEPARTMENT')).toEqual(['housing-1']))
  it('the three paths beyond: district and city units for the line, active only', () => {
    expect(ids('INTER_SESSION_SUGGESTION')).toEqual(['city'])
    expect(ids('REPRESENTATIVE_CONTACT')).toEqual(['city'])
    expect(ids('SESSION_SUGGESTION')).toEqual(['city'])
  })
  it('no route, no units; representative needed only beyond the sub-district', () => {
    expect(ids(null)).toEqual([])
    expect(needsRepresentative('INTER_SESSION_SUGGESTION')).toBe(true)
    expect(needsRepresentative('SUBDISTRICT_DEPARTMENT')).toBe(false)
  })
})

const entry = (id: number, action: string, reason: string | null): TimelineEntry => ({ id, at: '2026-11-01T00:00:00Z', actor: 'x', actorRole: 'r', action, fromStatus: null, toStatus: null, reason })

describe('reading the referral timeline', () => {
  const a = '11111111-1111-4111-8111-111111111111'
  const b = '22222222-2222-4222-8222-222222222222'
  it('lists linked repeat cases minus unlinked ones', () => {
    const tl = [
      entry(1, 'OPEN', null),
      entry(2, 'REPEAT_LINKED', `重复信访 ${a}（相似度 0.91） / repeat petition`),
      entry(3, 'REPEAT_LINKED', `重复信访 ${b}（相似度 0.88） / repeat petition`),
      entry(4, 'UNLINK_REPEAT', `解除重复关联 / unlinked case ${a}`),
    ]
    expect(linkedRepeatCases(tl)).toEqual([b])
  })
  it('finds the latest return reason', () => {
    expect(returnReason([entry(1, 'RETURN', '不属本单位职责'), entry(2, 'ROUTE', 'x'), entry(3, 'RETURN', '应由区住建委办理')])).toBe('应由区住建委办理')
    expect(returnReason([entry(1, 'ROUTE', 'x')])).toBeNull()
  })
  it('groups the board', () => {
    const mk = (status: Referral['status'], repeatCount = 0, mergedInto: string | null = null) => ({ status, repeatCount, mergedInto }) as Referral
    const tabs = boardTabs([mk('TO_ROUTE'), mk('RETURNED'), mk('REFERRED', 2), mk('CLOSED', 3), mk('TO_ROUTE', 1, 'x')])
    expect(tabs.queue).toHaveLength(1)
    expect(tabs.returned).toHaveLength(1)
    expect(tabs.repeats.map((x) => x.status)).toEqual(['REFERRED'])
    expect(tabs.all).toHaveLength(5)
  })
})

import { describe, expect, it } from 'vitest'
import { i18n } from '@/i18n'
import { showCell, workReportSheet, workReportTables, type ReportTable } from '@/utils/workReport'
import type { IntakeWork, ReferralWork, RepresentativeWork } from '@/api/reports'

const t = (k: string, a?: Record<string, unknown>) => (a ? i18n.global.t(k, a, { locale: 'zh-CN' }) : i18n.global.t(k, {}, { locale: 'zh-CN' }))
const labels = { t, line: (c: string) => `L:${c}`, community: (c: string) => `C:${c}` }
const intake: IntakeWork = {
  jurisdiction: '310104001000', from: '2026-01-01', to: '2026-06-30', cases: 40, visitors: 55, households: 61, persons: 70, groupPetitions: 3,
  groupPetitionPersons: 25, anonymousCases: 2, repeatCases: 5, receptionDayCases: 30, receptionDaysWithCases: 4,
  byChannel: { HOTLINE: 5, RECEPTION_DAY: 30, ONLINE: 0 }, byLine: [{ code: 'housing', name: '住房保障', count: 12 }, { code: 'x', name: null, count: 1 }],
  byCommunity: [{ code: '310104001001', name: '泾水社区', count: 9 }],
}
const referral: ReferralWork = {
  jurisdiction: '310104001000', from: '2026-01-01', to: '2026-06-30', cases: 40, repeatCases: 5, casesByLine: {}, casesByCommunity: {}, referrals: 17,
  referredByRoute: { COMMUNITY: 5, SUBDISTRICT_DEPARTMENT: 8, REPRESENTATIVE_CONTACT: 2, INTER_SESSION_SUGGESTION: 1, SESSION_SUGGESTION: 1 },
  routeGroups: { community: 5, subdistrict: 8, beyond: 4 }, routed: 17, handled: 12, handledRate: 0.7059, handledOnTime: 11, onTimeRate: 0.9167,
  closed: 10, closedRate: 0.5882, overdue: 1, satisfaction: {}, rated: 9, satisfied: 8, satisfactionRate: 0.8889, referralsWithRepeats: 3, supervisions: 2,
}
const k = (kind: 'NPC_DEPUTY' | 'PARTY_DELEGATE' | 'CPPCC_MEMBER' | null, n: number) => ({ kind, kindLabel: '', rostered: n + 1, attended: n, absent: 1, declined: 0, representatives: n })
const rep: RepresentativeWork = {
  jurisdiction: '310104001000', from: '2026-01-01', to: '2026-06-30', generatedAt: '', receptionDays: { held: 10, upcoming: 2, cancelled: 1, communities: 2 },
  attendance: { byKind: [k('NPC_DEPUTY', 11), k('PARTY_DELEGATE', 4), k('CPPCC_MEMBER', 3)], total: k(null, 18) },
  receptions: { records: 11, casesReceived: 37 }, suggestions: { raised: 4, answered: 3, answeredOnTime: 2, byRoute: [] },
  byCommunity: [{ communityCode: '310104001002', held: 3, cancelled: 0, attended: 5, absent: 0, casesReceived: 12 }],
}
const value = (tables: ReportTable[], key: string, label: string) => tables.find((x) => x.key === key)!.rows.find((r) => r[0] === label)?.[1]

describe('the work report', () => {
  const tables = workReportTables(intake, referral, rep, labels)
  it('takes each figure from the service that owns it', () => {
    expect(value(tables, 'reception', '举行接访日（场）')).toBe(10)
    expect(value(tables, 'visitors', '接待来访人次')).toBe(55)
    expect(value(tables, 'visitors', '集体访（批）')).toBe(3)
    expect(value(tables, 'visitors', '代表接待案件（件）')).toBe(37)
    expect(value(tables, 'routes', '超出街道职责（三种途径合计）')).toBe(4)
    expect(value(tables, 'handling', '办理率')).toEqual({ percent: 0.7059 })
    expect(value(tables, 'handling', '满意率')).toEqual({ percent: 0.8889 })
    expect(value(tables, 'handling', '发出督办单（份）')).toBe(2)
    expect(value(tables, 'repeats', '重复信访（件）')).toBe(5)
  })
  it('lists attendance per kind with the total, channels without zeros, lines by name', () => {
    const att = tables.find((x) => x.key === 'attendance')!
    expect(att.rows.map((r) => r[0])).toEqual(['人大代表', '党代表', '政协委员', '合计'])
    expect(att.rows[3]).toEqual(['合计', 19, 18, 1, 0, 18])
    expect(tables.find((x) => x.key === 'channels')!.rows).toEqual([['民情接访日', 30], ['热线', 5]])
    expect(tables.find((x) => x.key === 'lines')!.rows).toEqual([['住房保障', 12], ['L:x', 1]])
  })
  it('joins communities from intake and representative numbers', () => {
    expect(tables.find((x) => x.key === 'communities')!.rows).toEqual([['泾水社区', 9, 0, 0, 0], ['C:310104001002', 0, 3, 5, 12]])
  })
  it('a service that did not answer leaves blanks, not zeros', () => {
    const partial = workReportTables(intake, null, null, labels)
    expect(value(partial, 'reception', '举行接访日（场）')).toBeNull()
    expect(value(partial, 'routes', '社区直接办理')).toBeNull()
    expect(value(partial, 'visitors', '接访件数（件）')).toBe(40)
    expect(showCell(null, 'number')).toBe('—')
    expect(showCell({ percent: 0.5 }, 'number')).toBe('50.0%')
  })
  it('derives the route groups and rates from older answers without them', () => {
    const older = { ...referral, routeGroups: undefined, handledRate: undefined, routed: 17 }
    const tb = workReportTables(null, older, null, labels)
    expect(value(tb, 'routes', '超出街道职责（三种途径合计）')).toBe(4)
    expect(value(tb, 'handling', '办理率')).toEqual({ percent: 0.7059 })
  })
  it('one sheet: title and heading lines, each table under its bold title and header', () => {
    const s = workReportSheet('工作汇报', ['第一街道'], tables)
    expect(s.rows[0]).toEqual(['工作汇报'])
    expect(s.rows[3]).toEqual(['一、接访日与代表出席'])
    expect(s.rows[4]).toEqual(['项目', '数值'])
    expect(s.boldRows).toContain(3)
    expect(s.boldRows).toContain(4)
  })
})

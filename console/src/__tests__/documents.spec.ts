import { describe, expect, it } from 'vitest'
import { chinaDay, chineseDate, clock, documentNumber, groupReceivers, issuerName, padRows, replyByAllowed, weekday } from '@/utils/documents'
import { boardExportFilter, caseExportFilter, referralSheet } from '@/utils/exports'
import type { Referral } from '@/api/referral'

describe('printed documents', () => {
  it('letterheads name the body of the tier that issues', () => {
    expect(issuerName('310104000000')).toBe('示范区人大常委会')
    expect(issuerName('310104001000')).toBe('第一街道人大工委')
    expect(issuerName('310104001001')).toBe('泾水社区居民委员会')
  })
  it('writes dates the Chinese way, in China\'s time zone', () => {
    expect(chineseDate('2026-12-05')).toBe('2026年12月5日')
    expect(chinaDay('2026-11-27T17:30:00Z')).toBe('2026-11-28')
    expect(weekday('2026-12-05')).toBe('星期六')
    expect(clock('09:00:00')).toBe('9:00')
  })
  it('numbers a document by kind, year and id', () => {
    expect(documentNumber('转', 2026, 'ab12cd34-0000-4000-8000-000000000001')).toBe('转〔2026〕AB12CD34')
  })
  it('groups the notice\'s receivers by kind in the order given and pads the sign-in sheet with blank lines', () => {
    expect(groupReceivers([{ name: '张伟', kindLabel: '人大代表' }, { name: '刘红', kindLabel: '党代表' }, { name: '王强', kindLabel: '人大代表' }]))
      .toEqual([{ label: '人大代表', names: ['张伟', '王强'] }, { label: '党代表', names: ['刘红'] }])
    expect(padRows([1, 2], 4)).toEqual([1, 2, null, null])
    expect(padRows([1, 2, 3], 2)).toEqual([1, 2, 3])
  })
  it('a reply-by date is a working day from today to 60 days ahead', () => {
    const weekdays = (d: string) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())
    expect(replyByAllowed('2026-11-27', '2026-11-27', weekdays)).toBe(true)
    expect(replyByAllowed('2026-11-26', '2026-11-27', weekdays)).toBe(false)
    expect(replyByAllowed('2026-11-28', '2026-11-27', weekdays)).toBe(false) // Saturday
    expect(replyByAllowed('2027-01-26', '2026-11-27', weekdays)).toBe(true) // day 60
    expect(replyByAllowed('2027-01-27', '2026-11-27', weekdays)).toBe(false) // day 61
    expect(replyByAllowed('not-a-date', '2026-11-27', weekdays)).toBe(false)
  })
})

describe('exports of what the lists show', () => {
  it('the case export carries the list\'s filters and no empty ones', () => {
    expect(caseExportFilter({ q: ' 泾水 ', community: '', line: 'planning', status: '', channel: '', from: null, to: '2026-11-30' }, true))
      .toEqual({ q: '泾水', community: undefined, line: 'planning', status: undefined, channel: undefined, from: undefined, to: '2026-11-30', repeat: 'true' })
    expect(caseExportFilter({}, false).repeat).toBeUndefined()
  })
  it('board tabs map to the export\'s status filter; repeats are written in the browser', () => {
    expect(boardExportFilter('queue')).toEqual({ status: 'TO_ROUTE' })
    expect(boardExportFilter('returned')).toEqual({ status: 'RETURNED' })
    expect(boardExportFilter('all')).toEqual({})
    expect(boardExportFilter('repeats')).toBeNull()
  })
  it('the board\'s rows as a sheet with Chinese headers', () => {
    const r = { id: 'r1', caseId: 'c1', communityCode: '310104001001', lineCode: 'housing', status: 'TO_ROUTE', route: null, unitId: null, acknowledgeBy: '2026-12-01', dueDate: null, repeatCount: 2, description: '泾水公寓日照' } as unknown as Referral
    const s = referralSheet([r], { line: () => '住房保障', community: () => '泾水社区', unit: () => '', status: () => '待转办', route: (x) => x })
    expect(s.rows[0]![0]).toBe('转办件编号')
    expect(s.rows[1]).toEqual(['r1', 'c1', '泾水社区', '住房保障', '待转办', '', '', '2026-12-01', '', 2, '泾水公寓日照'])
  })
})

import { describe, expect, it } from 'vitest'
import { barOption, cellText, countRows, pct, rateOption, sheetRows, topSeries, trendTable, yearAgoMonthStart } from '@/utils/charts'

describe('dashboard numbers', () => {
  it('shows rates as one-decimal percentages and nothing-to-divide-by as —', () => {
    expect(pct(0.8765)).toBe('87.7%')
    expect(pct(1)).toBe('100.0%')
    expect(pct(0)).toBe('0.0%')
    expect(pct(null)).toBe('—')
    expect(pct(Number.NaN)).toBe('—')
  })
  it('orders counts largest first and drops zeros, unless the keys to keep are given', () => {
    const m = { A: 1, B: 3, C: 0 }
    expect(countRows(m, (k) => `x${k}`).map((r) => r.code)).toEqual(['B', 'A'])
    expect(countRows(m, (k) => k, ['C', 'A', 'D']).map((r) => [r.code, r.count])).toEqual([['C', 0], ['A', 1], ['D', 0]])
  })
  it('a horizontal bar lists the largest on top (ECharts draws the first category at the bottom)', () => {
    const o = barOption([{ name: '住房', count: 5 }, { name: '环境', count: 2 }], { horizontal: true, seriesName: '件数', description: 'd' }) as { yAxis: { data: string[] }; series: Array<{ data: number[] }> }
    expect(o.yAxis.data).toEqual(['环境', '住房'])
    expect(o.series[0]!.data).toEqual([2, 5])
  })
  it('makes a month-per-row trend table with a total, aligned with the months', () => {
    const { columns, rows } = trendTable(['2026-01', '2026-02'], [{ code: 'h', name: '住房', counts: [1, 2] }, { code: 'e', name: '环境', counts: [0, 4] }])
    expect(columns.map((c) => c.label)).toEqual(['月份', '住房', '环境', '合计'])
    expect(rows).toEqual([{ month: '2026-01', h: 1, e: 0, total: 1 }, { month: '2026-02', h: 2, e: 4, total: 6 }])
  })
  it('draws the largest lines and sums the rest into 其他', () => {
    const s = topSeries([{ name: 'a', counts: [1, 1] }, { name: 'b', counts: [5, 5] }, { name: 'c', counts: [0, 2] }], 1)
    expect(s).toEqual([{ name: 'b', counts: [5, 5] }, { name: '其他', counts: [1, 3] }])
  })
  it('rates become percent bars; a unit with nothing rated has no bar rather than a zero', () => {
    const o = rateOption([{ name: 'u1', rates: [0.5, null] }, { name: 'u2', rates: [1, 0.25] }], ['响应率', '满意率'], 'd') as { yAxis: { data: string[] }; series: Array<{ data: Array<number | null> }> }
    expect(o.yAxis.data).toEqual(['u2', 'u1'])
    expect(o.series[0]!.data).toEqual([100, 50])
    expect(o.series[1]!.data).toEqual([25, null])
  })
  it('the download keeps numbers as numbers and the table shows them as text', () => {
    const cols = [{ key: 'name', label: '单位', kind: 'text' as const }, { key: 'r', label: '响应率', kind: 'rate' as const }]
    expect(sheetRows(cols, [{ name: '房管局', r: 0.8 }])).toEqual([['单位', '响应率'], ['房管局', 0.8]])
    expect(cellText({ name: '房管局', r: 0.8 }, cols[1]!)).toBe('80.0%')
  })
  it('the hot-issues period starts on the first of the month eleven months back', () => {
    expect(yearAgoMonthStart('2026-11-27')).toBe('2025-12-01')
    expect(yearAgoMonthStart('2026-01-05')).toBe('2025-02-01')
    expect(yearAgoMonthStart('2026-12-31')).toBe('2026-01-01')
  })
})

import type { ChartOption } from '@/charts/echarts'

/**
 * Chart options and their table rows, built from the report answers. Pure functions (tested in
 * charts.spec.ts); the ECharts types come in as types only, so this module costs no bundle.
 */
export interface Column { key: string; label: string; kind?: 'number' | 'rate' | 'text' }
export type Row = Record<string, string | number | null>

// a palette with enough contrast on white for small marks (each ≥ 3:1)
export const PALETTE = ['#1d64b0', '#c0282d', '#2b7a2b', '#9a5a00', '#6b3fa0', '#0e7c86', '#a3367a', '#5b5f66']

/** 0.8765 → 87.7%; null (nothing to divide by) → — */
export function pct(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`
}

/** A { key: count } map as labelled rows, largest first, zero rows left out unless `all` lists the keys to keep. */
export function countRows(map: Record<string, number> | null | undefined, label: (k: string) => string, all?: readonly string[]): Row[] {
  const m = map ?? {}
  const keys = all ? [...all] : Object.keys(m)
  const rows = keys.map((k) => ({ code: k, name: label(k), count: m[k] ?? 0 }))
  return all ? rows : rows.filter((r) => r.count > 0).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh-CN'))
}

/** A bar chart of name/count rows; horizontal puts the names on the y axis (long Chinese names). */
/** What one ChartPanel shows: its title and test id, the chart, the table behind it and the download's name. */
export interface Panel { title: string; testid: string; option: ChartOption; columns: Column[]; rows: Row[]; filename: string; height?: number }

export function barOption(rows: Row[], opts: { horizontal?: boolean; seriesName: string; color?: string; description: string }): ChartOption {
  const names = rows.map((r) => String(r.name))
  const values = rows.map((r) => Number(r.count ?? 0))
  const cat = { type: 'category' as const, data: opts.horizontal ? [...names].reverse() : names, axisLabel: { interval: 0, width: 110, overflow: 'truncate' as const } }
  const val = { type: 'value' as const, minInterval: 1 }
  return {
    aria: { enabled: true, label: { description: opts.description } },
    color: [opts.color ?? PALETTE[0]!],
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    xAxis: opts.horizontal ? val : cat,
    yAxis: opts.horizontal ? cat : val,
    series: [{ type: 'bar', name: opts.seriesName, data: opts.horizontal ? [...values].reverse() : values, barMaxWidth: 28, label: { show: true, position: opts.horizontal ? 'right' : 'top' } }],
  }
}

export function pieOption(rows: Row[], opts: { seriesName: string; description: string }): ChartOption {
  return {
    aria: { enabled: true, label: { description: opts.description } },
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0, type: 'scroll' },
    series: [{ type: 'pie', name: opts.seriesName, radius: ['35%', '65%'], center: ['50%', '45%'], data: rows.map((r) => ({ name: String(r.name), value: Number(r.count ?? 0) })), label: { formatter: '{b}\n{c}' } }],
  }
}

/** Month-by-month counts per line: the chart's series and a table with a row per month. */
export function trendOption(months: string[], series: Array<{ name: string; counts: number[] }>, description: string): ChartOption {
  return {
    aria: { enabled: true, label: { description } },
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 8, right: 24, top: 16, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: months, boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({ type: 'line', name: s.name, data: s.counts, symbolSize: 6 })),
  }
}

export function trendTable(months: string[], series: Array<{ code: string; name: string; counts: number[] }>): { columns: Column[]; rows: Row[] } {
  const columns: Column[] = [{ key: 'month', label: '月份', kind: 'text' }, ...series.map((s) => ({ key: s.code, label: s.name, kind: 'number' as const })), { key: 'total', label: '合计', kind: 'number' }]
  const rows = months.map((m, i) => {
    const row: Row = { month: m }
    let total = 0
    for (const s of series) {
      const n = s.counts[i] ?? 0
      row[s.code] = n
      total += n
    }
    row.total = total
    return row
  })
  return { columns, rows }
}

/** Only the largest few series draw lines; the rest are summed into 其他 (the table keeps them all). */
export function topSeries<T extends { name: string; counts: number[] }>(series: T[], keep: number, otherName = '其他'): Array<{ name: string; counts: number[] }> {
  const total = (s: T) => s.counts.reduce((a, b) => a + b, 0)
  const sorted = [...series].sort((a, b) => total(b) - total(a))
  if (sorted.length <= keep) return sorted
  const rest = sorted.slice(keep)
  const len = Math.max(...series.map((s) => s.counts.length))
  const other = Array.from({ length: len }, (_, i) => rest.reduce((a, s) => a + (s.counts[i] ?? 0), 0))
  return [...sorted.slice(0, keep), { name: otherName, counts: other }]
}

/** Rates of each unit side by side, the ranked order top to bottom. */
export function rateOption(units: Array<{ name: string; rates: Array<number | null> }>, seriesNames: string[], description: string): ChartOption {
  const names = units.map((u) => u.name).reverse()
  return {
    aria: { enabled: true, label: { description } },
    color: PALETTE,
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? `${v}%` : '—') },
    legend: { bottom: 0 },
    grid: { left: 8, right: 24, top: 16, bottom: 36, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: names, axisLabel: { width: 200, overflow: 'truncate' } },
    series: seriesNames.map((n, i) => ({
      type: 'bar', name: n, barMaxWidth: 12,
      data: [...units].reverse().map((u) => { const v = u.rates[i]; return v === null || v === undefined ? null : Math.round(v * 1000) / 10 }),
    })),
  }
}

/** The table's cells as text, the way the screen shows them. */
export function cellText(row: Row, c: Column): string {
  const v = row[c.key]
  if (c.kind === 'rate') return pct(v as number | null)
  if (v === null || v === undefined) return '—'
  return String(v)
}

/** The table as sheet rows for the download: numbers stay numbers (rates as fractions, 4 decimals). */
export function sheetRows(columns: Column[], rows: Row[]): Array<Array<string | number | null>> {
  return [columns.map((c) => c.label), ...rows.map((r) => columns.map((c) => {
    const v = r[c.key]
    return v === undefined ? null : v
  }))]
}

/** The first month of the period the hot-issues dashboard shows by default: 11 months back, day 1. */
export function yearAgoMonthStart(today: string): string {
  const y = Number(today.slice(0, 4))
  const m = Number(today.slice(5, 7))
  const idx = y * 12 + (m - 1) - 11
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}-01`
}

export function monthStart(today: string): string {
  return `${today.slice(0, 7)}-01`
}

import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '@/i18n'

const setOption = vi.fn()
vi.mock('@/charts/echarts', () => ({ init: () => ({ setOption, resize: vi.fn(), dispose: vi.fn() }) }))
const saved: Array<{ blob: Blob; name: string }> = []
vi.mock('@/utils/download', async (orig) => ({
  ...(await orig<typeof import('@/utils/download')>()),
  saveBlob: (blob: Blob, name: string) => saved.push({ blob, name }),
}))

import ChartPanel from '@/components/charts/ChartPanel.vue'
import ChartPair from '@/components/charts/ChartPair.vue'
import { unzipSync, strFromU8 } from 'fflate'

const mounted: Array<{ unmount(): void }> = []
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()))

function panel() {
  const w = mount(ChartPanel, {
    props: {
      title: '按条线', testid: 'chart-by-line', filename: '热点问题-按条线', option: { series: [] },
      columns: [{ key: 'name', label: '条线', kind: 'text' }, { key: 'count', label: '案件数', kind: 'number' }, { key: 'rate', label: '占比', kind: 'rate' }],
      rows: [{ name: '住房保障', count: 12, rate: 0.5 }, { name: '生态环境', count: 8, rate: null }],
    },
    global: { plugins: [i18n] },
    attachTo: document.body,
  })
  mounted.push(w)
  return w
}

describe('a dashboard chart with its numbers', () => {
  it('draws the chart and says what it shows in words', async () => {
    const w = panel()
    await flushPromises()
    expect(setOption).toHaveBeenCalled()
    expect(w.find('[data-testid="chart-by-line-chart"]').attributes('aria-label')).toBe('按条线：住房保障 12，生态环境 8')
    expect(w.find('[data-testid="chart-by-line-table"]').exists()).toBe(false)
  })
  it('switches to a table with a caption and row headers', async () => {
    const w = panel()
    await w.find('[data-testid="chart-by-line-view-table"] input').setValue(true)
    await flushPromises()
    const table = w.find('[data-testid="chart-by-line-table"]')
    expect(table.find('caption').text()).toBe('按条线')
    expect(table.findAll('tbody th').map((x) => x.text())).toEqual(['住房保障', '生态环境'])
    expect(table.findAll('tbody tr')[0]!.findAll('td').map((x) => x.text())).toEqual(['12', '50.0%'])
    expect(table.findAll('tbody tr')[1]!.findAll('td').map((x) => x.text())).toEqual(['8', '—'])
  })
  it('downloads the numbers as an XLSX with the table\'s headers', async () => {
    saved.length = 0
    const w = panel()
    await w.find('[data-testid="chart-by-line-download"]').trigger('click')
    await vi.waitFor(() => expect(saved).toHaveLength(1))
    expect(saved[0]!.name).toMatch(/^热点问题-按条线-\d{8}\.xlsx$/)
    const files = unzipSync(new Uint8Array(await saved[0]!.blob.arrayBuffer()))
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!)
    expect(sheet).toContain('案件数')
    expect(sheet).toContain('<c r="B2"><v>12</v></c>')
    expect(sheet).toContain('<c r="C2"><v>0.5</v></c>')
  })
})

describe('ChartPair: two panels side by side', () => {
  it('puts each panel, with all its props, in a half-width column on md screens and full width below', async () => {
    const columns = [{ key: 'name', label: '条线', kind: 'text' as const }, { key: 'count', label: '案件数', kind: 'number' as const }]
    const w = mount(ChartPair, {
      props: {
        panels: [
          { title: '按条线', testid: 'chart-by-line', filename: '甲', option: { series: [] }, columns, rows: [{ name: '住房保障', count: 12 }] },
          { title: '按社区', testid: 'chart-by-community', filename: '乙', option: { series: [] }, columns, rows: [], height: 220 },
        ],
      },
      global: { plugins: [i18n] },
      attachTo: document.body,
    })
    mounted.push(w)
    await flushPromises()
    const cols = w.findAllComponents({ name: 'ElCol' })
    expect(cols.map((c) => [c.props('md'), c.props('span')])).toEqual([[12, 24], [12, 24]])
    const panels = w.findAllComponents(ChartPanel)
    expect(panels.map((p) => p.props('testid'))).toEqual(['chart-by-line', 'chart-by-community'])
    expect(panels[1].props('height')).toBe(220)
    expect(w.find('[data-testid="chart-by-line"]').text()).toContain('按条线')
  })
})

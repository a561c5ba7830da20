import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '@/i18n'
import { checkSymbol } from '@/utils/receiptCode'

const status = vi.fn()
const feedback = vi.fn()
vi.mock('@/api/public', async (orig) => ({
  ...(await orig<typeof import('@/api/public')>()),
  publicApi: { status: (...a: unknown[]) => status(...a), feedback: (...a: unknown[]) => feedback(...a) },
}))

import PublicCase from '@/views/public/PublicCase.vue'

const data = '7K3QM9XPA2B'
const canonical = (() => {
  const c = data + checkSymbol(data)
  return `${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8)}`
})()

describe('回执码查询 resident page', () => {
  const mounted: Array<{ unmount(): void }> = []
  afterEach(() => mounted.splice(0).forEach((w) => w.unmount()))

  it('rates with the code that was looked up: the status answer does not repeat it (H1)', async () => {
    // intake's answer, as it is: no receiptCode field
    status.mockResolvedValue({
      status: 'INFORMED', statusLabelZh: '已告知结果，待评价', statusLabelEn: 'Informed', lineName: '规划建设',
      receivedOn: '2026-11-27', expectedDate: null, milestones: [], feedbackOpen: true,
    })
    feedback.mockResolvedValue({ rating: 'SATISFIED', givenAt: '2026-11-27T10:00:00Z' })
    const w = mount(PublicCase, { global: { plugins: [i18n] }, attachTo: document.body })
    mounted.push(w)
    await w.find('[data-testid="public-code"]').setValue(canonical.toLowerCase().replaceAll('-', ' '))
    await w.find('[data-testid="public-form"]').trigger('submit')
    await flushPromises()
    expect(status).toHaveBeenCalledWith(canonical)
    await w.find('[data-testid="public-rating-SATISFIED"]').setValue(true)
    await w.find('[data-testid="public-feedback"]').trigger('submit')
    await flushPromises()
    expect(feedback).toHaveBeenCalledWith(canonical, 'SATISFIED', '')
    expect(w.find('[data-testid="public-rated"]').exists()).toBe(true)
  })
})

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { ApiError } from '@/api/http'
import { errorOf, signedIn } from './support/view'

const record = vi.fn()
vi.mock('@/api/intake', async (orig) => ({
  ...(await orig<typeof import('@/api/intake')>()),
  intakeApi: { record: (...a: unknown[]) => record(...a), lines: async () => [{ code: 'planning', name: '规划建设' }] },
}))
vi.mock('@/api/representative', async (orig) => ({
  ...(await orig<typeof import('@/api/representative')>()),
  representativeApi: { list: async () => [], calendar: async () => ({ receptionDays: [] }), mine: async () => [] },
}))
vi.mock('vue-router', () => ({ useRouter: () => ({ push: vi.fn() }) }))

import Desk from '@/views/intake/Desk.vue'

const problem = {
  status: 400, titleZh: '请求数据无效', titleEn: 'Invalid request data',
  errors: [{ field: 'visitors[0].phone', messageZh: '须为11位大陆手机号码', messageEn: 'must be an 11-digit mainland mobile number' }],
}

const mounted: Array<{ unmount(): void }> = []

async function mountDesk() {
  const global = signedIn({ username: 'c11.staff', name: '王芳', roles: ['community-staff'], jurisdiction: '310104001001' })
  const w = mount(Desk, { global, attachTo: document.body })
  mounted.push(w)
  await flushPromises()
  return w
}

async function fill(w: Awaited<ReturnType<typeof mountDesk>>) {
  await w.find('[data-testid="intake-channel"]').exists()
  const vm = w.vm as unknown as { $: { setupState: { form: Record<string, unknown> } } }
  const form = vm.$.setupState.form
  form.channel = 'HOTLINE'
  form.lineCode = 'planning'
  await w.find('textarea[data-testid="intake-description"]').setValue('泾水公寓南侧新建高层遮挡日照')
  await w.find('input[data-testid="intake-visitor-0-phone"]').setValue('13812341234')
}

describe('接访登记 desk form', { timeout: 30000 }, () => {
  beforeEach(() => {
    record.mockReset()
  })
  afterEach(() => {
    mounted.splice(0).forEach((w) => w.unmount())
  })

  it('a double click and a retry after a lost connection send one idempotency key; the next form gets a new one', async () => {
    let reject: (e: unknown) => void = () => undefined
    record.mockImplementationOnce(() => new Promise((_, r) => (reject = r)))
    const w = await mountDesk()
    await fill(w)
    const save = w.find('button[data-testid="intake-save"]')
    await save.trigger('click')
    await save.trigger('click') // double click while the first request is in flight
    expect(record).toHaveBeenCalledTimes(1)
    reject(new ApiError('network', 0, null, 'offline'))
    await flushPromises()
    // connection lost: what was typed is still there, and the retry reuses the key
    expect((w.find('textarea[data-testid="intake-description"]').element as HTMLTextAreaElement).value).toBe('泾水公寓南侧新建高层遮挡日照')
    record.mockResolvedValue({ id: 'c1', receiptCode: 'ABCD-EFGH-JKMN', receivedOn: '2026-11-27', communityCode: '310104001001', lineCode: 'planning', status: 'RECORDED' })
    await w.find('button[data-testid="intake-save"]').trigger('click')
    await flushPromises()
    expect(record).toHaveBeenCalledTimes(2)
    const [k1, k2] = record.mock.calls.map((c) => c[1])
    expect(k2).toBe(k1)
    expect(w.find('[data-testid="receipt-code"]').text()).toBe('ABCD-EFGH-JKMN')

    await w.find('button[data-testid="intake-next"]').trigger('click')
    await flushPromises()
    await fill(w)
    await w.find('button[data-testid="intake-save"]').trigger('click')
    await flushPromises()
    expect(record).toHaveBeenCalledTimes(3)
    expect(record.mock.calls[2][1]).not.toBe(k1)
  })

  it('shows the service’s field error next to the named visitor field, in Chinese', async () => {
    record.mockImplementation(async () => {
      throw new ApiError('problem', 400, problem, 'x')
    })
    const w = await mountDesk()
    await fill(w)
    await w.find('button[data-testid="intake-save"]').trigger('click')
    await flushPromises()
    expect(errorOf(w, 'intake-visitor-0-phone')).toBe('须为11位大陆手机号码')
    expect(w.find('[data-testid="intake-error"]').text()).toContain('请求数据无效')
  })

  it('puts the cursor in the first field, the channel, when the desk opens (keyboard entry)', async () => {
    await mountDesk()
    expect(document.activeElement?.id).toBe('intake-channel')
  })

  it('checks an ID number as it is typed', async () => {
    const w = await mountDesk()
    await w.find('input[data-testid="intake-visitor-0-id-number"]').setValue('110105194912310021')
    await flushPromises()
    expect(errorOf(w, 'intake-visitor-0-id-number')).toContain('身份证')
  })
})

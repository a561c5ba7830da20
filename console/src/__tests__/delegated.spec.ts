import { afterEach, describe, expect, it, vi } from 'vitest'
import { heldBy, rowAction } from '@/utils/delegated'
import { can } from '@/auth/permissions'
import { delegatedSupervisionBody, referralApi } from '@/api/referral'
import { ApiError } from '@/api/http'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import { i18n } from '@/i18n'
import DelegatedSupervisionDialog from '@/components/DelegatedSupervisionDialog.vue'

vi.mock('@/auth/oidc', () => ({ accessToken: async () => 'tok' }))

afterEach(() => vi.unstubAllGlobals())

describe('rows held by a delegated piece (issue 14, ADR 0020)', () => {
  it('names the holding piece only when pieceId is set', () => {
    expect(heldBy({ pieceId: 'sd-310104001' })).toBe('sd-310104001')
    expect(heldBy({ pieceId: '' })).toBeNull()
    expect(heldBy({ pieceId: '  ' })).toBeNull()
    expect(heldBy({ pieceId: null })).toBeNull()
    expect(heldBy({})).toBeNull()
  })

  it('the district\'s own rows keep their local actions; delegated rows get the forwarding 督办 for district staff, nothing for others', () => {
    expect(rowAction({ pieceId: '' }, true)).toBe('local')
    expect(rowAction({}, false)).toBe('local')
    expect(rowAction({ pieceId: 'sd-310104001' }, true)).toBe('delegated')
    expect(rowAction({ pieceId: 'sd-310104001' }, false)).toBe('none')
  })

  it('only district staff may ask a delegated piece for a 督办单', () => {
    expect(can('referral:supervise-delegated', ['district-staff'])).toBe(true)
    expect(can('referral:supervise-delegated', ['subdistrict-staff'])).toBe(false)
    expect(can('referral:supervise-delegated', ['community-staff', 'handling-unit'])).toBe(false)
  })
})

describe('POST /delegated-referrals/{id}/supervision', () => {
  it('leaves out an empty reply-by so the piece\'s rule applies', () => {
    expect(delegatedSupervisionBody('请尽快答复', '')).toEqual({ note: '请尽快答复' })
    expect(delegatedSupervisionBody('请尽快答复', null)).toEqual({ note: '请尽快答复' })
    expect(delegatedSupervisionBody('请尽快答复', '2026-12-07')).toEqual({ note: '请尽快答复', replyBy: '2026-12-07' })
  })

  it('posts the note and reply-by to referral-service and returns the 202 answer', async () => {
    const asked = { referralId: 'r-1', caseId: 'c-1', pieceId: 'sd-310104001', note: 'n', replyBy: '2026-12-07', requestedAt: '2026-11-27T08:00:00Z' }
    const f = vi.fn(async () => new Response(JSON.stringify(asked), { status: 202, headers: { 'Content-Type': 'application/json' } }))
    vi.stubGlobal('fetch', f)
    expect(await referralApi.superviseDelegated('r-1', 'n', '2026-12-07')).toEqual(asked)
    const [url, init] = f.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/referral/delegated-referrals/r-1/supervision')
    expect(init.method).toBe('POST')
    expect(JSON.parse(init.body as string)).toEqual({ note: 'n', replyBy: '2026-12-07' })
  })

  it('a 409 problem+json becomes an ApiError with its Chinese title', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ status: 409, titleZh: '本部署单元自己的转办件' }), { status: 409, headers: { 'Content-Type': 'application/problem+json' } })))
    const e = await referralApi.superviseDelegated('r-1', 'n').catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect((e as ApiError).status).toBe(409)
  })

  it('lists the delegated referrals, watched-by-me as a query flag', async () => {
    const f = vi.fn(async () => new Response('[]', { status: 200, headers: { 'Content-Type': 'application/json' } }))
    vi.stubGlobal('fetch', f)
    await referralApi.delegated({ watchedByMe: true })
    expect((f.mock.calls[0] as unknown as [string])[0]).toBe('/api/referral/delegated-referrals?watchedByMe=true')
  })
})

describe('DelegatedSupervisionDialog (督办（转下级部署单元）, shared by the supervision list and open work)', () => {
  const mounted: Array<{ unmount(): void }> = []
  afterEach(() => mounted.splice(0).forEach((w) => w.unmount()))
  const global = { plugins: [i18n], stubs: { transition: false, 'transition-group': false } }

  // the working calendar asks for its years too; only the 督办 POST is answered by `answer`
  function stubFetch(answer: () => Response) {
    const f = vi.fn(async (url: string) => (url.includes('/supervision') ? answer() : new Response('[]', { status: 200, headers: { 'Content-Type': 'application/json' } })))
    vi.stubGlobal('fetch', f)
    return f
  }
  const host = (onSent: () => void) =>
    defineComponent({
      setup() {
        const open = ref(true)
        return { open, render: () => h(DelegatedSupervisionDialog, { modelValue: open.value, 'onUpdate:modelValue': (v: boolean) => (open.value = v), referralId: 'r-1', pieceId: 'sd-310104001', onSent }) }
      },
      render() { return this.render() },
    })
  const q = (id: string) => document.querySelector(`[data-testid="${id}"]`)

  it('keeps the ids, labels and test ids, names the piece, and sends the note and reply-by; then closes and emits sent', async () => {
    const f = stubFetch(() => new Response(JSON.stringify({ referralId: 'r-1', pieceId: 'sd-310104001', note: '请尽快答复' }), { status: 202, headers: { 'Content-Type': 'application/json' } }))
    const sent = vi.fn()
    const w = mount(host(sent), { global, attachTo: document.body })
    mounted.push(w)
    await flushPromises()
    const dialog = q('delegated-supervision-dialog')!
    expect(dialog.textContent).toContain('督办（转下级部署单元）')
    expect(dialog.textContent).toContain('sd-310104001')
    expect(dialog.querySelector('label[for="delegated-supervision-note"]')?.textContent).toContain('督办意见')
    expect(dialog.querySelector('textarea#delegated-supervision-note')).not.toBeNull()
    const picker = dialog.querySelector('[data-testid="delegated-supervision-reply-by"] input#delegated-supervision-reply-by')!
    expect(picker.getAttribute('aria-label')).toBe('回复期限')
    expect(w.findComponent({ name: 'ElDatePicker' }).props('popperClass')).toBe('reply-by-popper')
    await w.find('textarea#delegated-supervision-note').setValue('请尽快答复')
    ;(q('delegated-supervision-submit') as HTMLButtonElement).click()
    await flushPromises()
    const post = f.mock.calls.find(([u]) => u.includes('/supervision')) as unknown as [string, RequestInit]
    expect(post[0]).toBe('/api/referral/delegated-referrals/r-1/supervision')
    expect(JSON.parse(post[1].body as string)).toEqual({ note: '请尽快答复' })
    expect(sent).toHaveBeenCalledTimes(1)
    expect(w.findComponent({ name: 'ElDialog' }).props('modelValue')).toBe(false)
  })

  it('a refusal stays in the dialog: summary and field error, no sent; reopening starts blank', async () => {
    stubFetch(() => new Response(JSON.stringify({ status: 400, titleZh: '请求数据无效', errors: [{ field: 'note', messageZh: '督办意见不能为空' }] }), { status: 400, headers: { 'Content-Type': 'application/problem+json' } }))
    const sent = vi.fn()
    const w = mount(host(sent), { global, attachTo: document.body })
    mounted.push(w)
    await flushPromises()
    await w.find('textarea#delegated-supervision-note').setValue('x')
    ;(q('delegated-supervision-submit') as HTMLButtonElement).click()
    await flushPromises()
    expect(q('delegated-supervision-error')?.getAttribute('role')).toBe('alert')
    expect(q('delegated-supervision-error')?.textContent).toContain('请求数据无效')
    const noteItem = w.findAllComponents({ name: 'ElFormItem' }).find((i) => i.props('for') === 'delegated-supervision-note')!
    expect(noteItem.props('error')).toBe('督办意见不能为空')
    expect(sent).not.toHaveBeenCalled()
    const vm = w.vm as unknown as { open: boolean }
    vm.open = false
    await flushPromises()
    vm.open = true
    await flushPromises()
    expect((w.find('textarea#delegated-supervision-note').element as HTMLTextAreaElement).value).toBe('')
    expect(q('delegated-supervision-error')).toBeNull()
  })
})

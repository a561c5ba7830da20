import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h, nextTick, ref } from 'vue'
import { i18n } from '@/i18n'
import FieldSelect from '@/components/FieldSelect.vue'
import FormDialog from '@/components/FormDialog.vue'
import CountTabs from '@/components/CountTabs.vue'
import { useReferralList } from '@/composables/useReferralList'
import { codeOptions, labelledOptions, representativeOptions } from '@/utils/options'
import { excerpt } from '@/utils/labels'

const list = vi.fn()
vi.mock('@/api/referral', async (orig) => ({
  ...(await orig<typeof import('@/api/referral')>()),
  referralApi: { list: (...a: unknown[]) => list(...a) },
}))

const mounted: Array<{ unmount(): void }> = []
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()))
const global = { plugins: [i18n], stubs: { transition: false, 'transition-group': false } }

describe('FieldSelect: a labelled select', () => {
  it('names the form item, its for= and the combobox with the one label; other attributes go to the select', async () => {
    const w = mount(FieldSelect, {
      props: { id: 'case-line', label: '条线', modelValue: 'planning', options: codeOptions([{ code: 'planning', name: '规划建设' }]), width: '150px' },
      attrs: { 'data-testid': 'case-filter-line', clearable: true },
      global,
      attachTo: document.body,
    })
    mounted.push(w)
    await flushPromises()
    const item = w.findComponent({ name: 'ElFormItem' })
    expect(item.props('label')).toBe('条线')
    expect(item.props('for')).toBe('case-line')
    // not given: left undefined, so the item sets no rule of its own (false would add one)
    expect(item.props('required')).toBeUndefined()
    const select = w.findComponent({ name: 'ElSelect' })
    expect(select.attributes('data-testid')).toBe('case-filter-line')
    expect(select.attributes('style')).toContain('width: 150px')
    expect(select.props('clearable')).toBe(true)
    expect(w.find('input#case-line').attributes('aria-label')).toBe('条线')
    expect(item.attributes('data-testid')).toBeUndefined()
  })

  it('passes required and the error on to the form item', async () => {
    const w = mount(FieldSelect, { props: { id: 'x', label: '社区', required: true, error: '必填' }, global })
    mounted.push(w)
    const item = w.findComponent({ name: 'ElFormItem' })
    expect(item.props('required')).toBe(true)
    expect(item.props('error')).toBe('必填')
  })
})

describe('FormDialog: a dialog around one form', () => {
  const host = (onSubmit: () => void, error = '') =>
    defineComponent({
      setup() {
        const open = ref(true)
        return () =>
          h(FormDialog, {
            modelValue: open.value, 'onUpdate:modelValue': (v: boolean) => (open.value = v), title: '合并', width: '560px',
            submitLabel: '合并', submitTestid: 'merge-submit', error, errorTestid: 'merge-error', 'data-testid': 'merge-dialog', onSubmit,
          }, { default: () => h('input', { 'data-testid': 'field' }) })
      },
    })

  it('submits from the primary button and from Enter in the form; Cancel closes', async () => {
    const submit = vi.fn()
    const w = mount(host(submit), { global, attachTo: document.body })
    mounted.push(w)
    await flushPromises()
    const dialog = document.querySelector('[data-testid="merge-dialog"]')
    expect(dialog).not.toBeNull()
    expect(dialog!.querySelector('[data-testid="field"]')).not.toBeNull()
    ;(document.querySelector('[data-testid="merge-submit"]') as HTMLButtonElement).click()
    document.querySelector('[data-testid="merge-dialog"] form')!.dispatchEvent(new Event('submit', { cancelable: true }))
    expect(submit).toHaveBeenCalledTimes(2)
    const cancel = [...dialog!.querySelectorAll('button')].find((b) => b.textContent?.trim() === '取消')
    expect(cancel).toBeDefined()
    cancel!.click()
    await nextTick()
    expect(w.findComponent({ name: 'ElDialog' }).props('modelValue')).toBe(false)
    expect(document.querySelector('[data-testid="merge-error"]')).toBeNull()
  })

  it('shows the service’s error above the fields as an alert', async () => {
    const w = mount(host(vi.fn(), '请求数据无效'), { global, attachTo: document.body })
    mounted.push(w)
    await flushPromises()
    const alert = document.querySelector('[data-testid="merge-error"]')
    expect(alert?.getAttribute('role')).toBe('alert')
    expect(alert?.textContent).toContain('请求数据无效')
  })
})

describe('CountTabs', () => {
  it('names each tab with its count and keeps Element Plus’ tab-<name> ids', async () => {
    const w = mount(CountTabs, {
      props: { modelValue: 'queue', tabs: [{ name: 'queue', label: '待转办', count: 3 }, { name: 'all', label: '全部', count: 10 }] },
      attrs: { 'data-testid': 'board-tabs' },
      global,
    })
    mounted.push(w)
    await flushPromises()
    expect(w.find('[data-testid="board-tabs"]').exists()).toBe(true)
    expect(w.find('#tab-queue').text()).toBe('待转办 (3)')
    expect(w.find('#tab-all').text()).toBe('全部 (10)')
  })
})

describe('useReferralList', () => {
  const run = async <T,>(fn: () => Promise<T>) => {
    try {
      return await fn()
    } catch {
      return null
    }
  }

  it('a dialog’s call that succeeds closes the dialog, says so and reloads; a refused one keeps it open', async () => {
    list.mockResolvedValue([{ id: 'r1' }])
    const { list: rows, submitAndReload } = useReferralList(run)
    const dialog = { open: true }
    const done = vi.fn()
    await submitAndReload(dialog, async () => { throw new Error('400') }, done)
    expect(dialog.open).toBe(true)
    expect(done).not.toHaveBeenCalled()
    expect(list).not.toHaveBeenCalled()
    await submitAndReload(dialog, async () => ({ route: 'COMMUNITY' }), done)
    expect(dialog.open).toBe(false)
    expect(done).toHaveBeenCalledWith({ route: 'COMMUNITY' })
    expect(rows.value).toEqual([{ id: 'r1' }])
  })

  it('a failed reload keeps the rows shown', async () => {
    list.mockResolvedValueOnce([{ id: 'r1' }]).mockRejectedValueOnce(new Error('offline'))
    const { list: rows, loading, load } = useReferralList(run, () => ({ watchedByMe: true }))
    await load()
    await load()
    expect(list).toHaveBeenLastCalledWith({ watchedByMe: true })
    expect(rows.value).toEqual([{ id: 'r1' }])
    expect(loading.value).toBe(false)
  })
})

describe('option lists and excerpts', () => {
  it('turns codes, labelled codes and representatives into options', () => {
    expect(codeOptions([{ code: '310104001001', name: '泾水社区' }])).toEqual([{ value: '310104001001', label: '泾水社区' }])
    expect(labelledOptions(['PHONE'], (c) => `channel.${c}`)).toEqual([{ value: 'PHONE', label: 'channel.PHONE' }])
    expect(representativeOptions([{ id: 'r-1', name: '张建国', kind: 'NPC_DEPUTY' }], () => '人大代表')).toEqual([{ value: 'r-1', label: '张建国（人大代表）' }])
  })

  it('cuts a long text with an ellipsis and leaves a short one', () => {
    expect(excerpt('一二三四五', 3)).toBe('一二三…')
    expect(excerpt('一二三', 3)).toBe('一二三')
    expect(excerpt('x'.repeat(61))).toHaveLength(61)
  })
})

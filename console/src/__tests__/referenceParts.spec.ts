import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h, reactive } from 'vue'
import { ElTableColumn } from 'element-plus'
import { i18n } from '@/i18n'
import { signedIn } from './support/view'
import type { Role } from '@/auth/claims'
import ReferenceTable from '@/components/ReferenceTable.vue'
import FormDialog from '@/components/FormDialog.vue'
import FieldInput from '@/components/FieldInput.vue'
import FieldNumber from '@/components/FieldNumber.vue'
import FieldActive from '@/components/FieldActive.vue'
import { useEditDialog, type DialogProblem } from '@/composables/useEditDialog'

const mounted: Array<{ unmount(): void }> = []
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()))

const withUser = (roles: Role[]) => signedIn({ roles })

interface Row { code: string; name: string; active: boolean }
const ROWS: Row[] = [{ code: 'a', name: '甲', active: true }, { code: 'b', name: '乙', active: false }]

function mountTable(roles: Role[], props: Record<string, unknown> = {}) {
  const w = mount(ReferenceTable, {
    props: {
      name: 'communities', rows: ROWS, rowKey: (r: object) => (r as Row).code, total: '共 2 个', refresh: true,
      addRight: 'community:edit', addLabel: '新增', editRight: 'community:edit', status: true, texts: 'communities', ...props,
    },
    slots: { default: () => h(ElTableColumn, { label: '名称', prop: 'name' }) },
    global: withUser(roles),
    attachTo: document.body,
  })
  mounted.push(w)
  return w
}

describe('ReferenceTable: the table of a reference screen', () => {
  it('shows the toolbar, the screen\'s columns, status and actions by the rows\' keys, and says which row was chosen', async () => {
    const w = mountTable(['district-staff'])
    await flushPromises()
    expect(w.find('[data-testid="communities-add"]').text()).toBe('新增')
    expect(w.find('[data-testid="communities-refresh"]').exists()).toBe(true)
    expect(w.text()).toContain('共 2 个')
    expect(w.find('[data-testid="communities-table"]').text()).toContain('乙')
    expect(w.find('[data-testid="communities-status-a"]').text()).toBe('在用')
    expect(w.find('[data-testid="communities-status-b"]').text()).toBe('已停用')
    expect(w.find('[data-testid="communities-toggle-a"]').text()).toBe('停用')
    expect(w.find('[data-testid="communities-toggle-b"]').text()).toBe('恢复')
    await w.find('[data-testid="communities-edit-b"]').trigger('click')
    await w.find('[data-testid="communities-toggle-a"]').trigger('click')
    await w.find('[data-testid="communities-add"]').trigger('click')
    await w.find('[data-testid="communities-refresh"]').trigger('click')
    expect(w.emitted('edit')).toEqual([[ROWS[1]]])
    expect(w.emitted('toggle')).toEqual([[ROWS[0]]])
    expect(w.emitted('add')).toHaveLength(1)
    expect(w.emitted('refresh')).toHaveLength(1)
  })

  it('a role that may not write sees no add button and no actions', async () => {
    const w = mountTable(['community-staff'])
    await flushPromises()
    expect(w.find('[data-testid="communities-add"]').exists()).toBe(false)
    expect(w.find('[data-testid^="communities-edit-"]').exists()).toBe(false)
    expect(w.find('[data-testid="communities-status-a"]').exists()).toBe(true)
  })

  it('a row outside the caller\'s reach shows a dash instead of actions; without status no status column or toggle', async () => {
    const w = mountTable(['district-staff'], { status: false, refresh: false, texts: 'units', editable: (r: Row) => r.code === 'a' })
    await flushPromises()
    expect(w.find('[data-testid="communities-edit-a"]').exists()).toBe(true)
    expect(w.find('[data-testid="communities-edit-b"]').exists()).toBe(false)
    expect(w.find('[data-testid="communities-readonly-b"]').text()).toBe('—')
    expect(w.find('[data-testid="communities-readonly-b"]').attributes('title')).toBe(i18n.global.t('units.readOnly'))
    expect(w.find('[data-testid^="communities-status-"]').exists()).toBe(false)
    expect(w.find('[data-testid^="communities-toggle-"]').exists()).toBe(false)
    expect(w.find('[data-testid="communities-refresh"]').exists()).toBe(false)
  })
})

describe('FormDialog (record layout) and useEditDialog: one edit form of a reference screen', () => {
  function host(send: () => Promise<string>, check: () => Record<string, string>) {
    const problem: DialogProblem = reactive({
      errors: {} as Record<string, string>,
      clear() { for (const k of Object.keys(problem.errors)) delete problem.errors[k] },
      async run<T>(fn: () => Promise<T>) {
        try { return await fn() } catch { problem.errors.name = '服务：名称已存在'; return null }
      },
    })
    const form = reactive({ name: '' })
    let edit!: ReturnType<typeof useEditDialog<{ name: string }>>
    const saved: Array<string | null> = []
    const Host = defineComponent({
      setup() {
        edit = useEditDialog(form, problem)
        return () =>
          h(FormDialog, {
            modelValue: edit.dialog.open, 'onUpdate:modelValue': (v: boolean) => (edit.dialog.open = v),
            title: '编辑', width: '500px', labelWidth: '110px', submitLabel: '保存', submitTestid: 'x-save', 'data-testid': 'x-dialog',
            onSubmit: async () => saved.push(await edit.save(check, send)),
          }, () => h('span', { 'data-testid': 'x-error' }, edit.shown('name') ?? ''))
      },
    })
    const w = mount(Host, { global: withUser(['district-staff']), attachTo: document.body })
    mounted.push(w)
    return { w, form, problem, saved, edit: () => edit }
  }

  it('opens with the values given, the form\'s own error first, closes when the service accepts', async () => {
    let ok = true
    const check = (): Record<string, string> => (form().name ? {} : { name: 'common.required' })
    const { w, form: f, saved, problem, edit } = host(async () => { if (!ok) throw new Error('409'); return 'saved' }, () => check())
    const form = () => f
    problem.errors.name = 'stale'
    edit().open({ name: '' }, false)
    await flushPromises()
    expect(edit().dialog).toEqual({ open: true, creating: false })
    // the record layout: Save is the form's submit button, in the form, before Cancel; no footer
    const save = document.querySelector('[data-testid="x-dialog"] form [data-testid="x-save"]') as HTMLButtonElement
    expect(save.type).toBe('submit')
    expect(save.nextElementSibling?.textContent?.trim()).toBe('取消')
    expect(document.querySelector('[data-testid="x-dialog"] .el-dialog__footer')).toBeNull()
    expect(w.findComponent({ name: 'ElForm' }).props('labelPosition')).toBe('right')
    expect(problem.errors).toEqual({})
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(saved).toEqual([null])
    expect(document.querySelector('[data-testid="x-error"]')?.textContent).toBe('必填')
    f.name = '甲'
    ok = false
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(saved).toEqual([null, null])
    expect(edit().dialog.open).toBe(true)
    expect(document.querySelector('[data-testid="x-error"]')?.textContent).toBe('服务：名称已存在')
    ok = true
    ;(document.querySelector('[data-testid="x-save"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(saved).toEqual([null, null, 'saved'])
    expect(edit().dialog.open).toBe(false)
  })
})

describe('FieldInput: a labelled text input', () => {
  it('names the form item and its for=; the error, required and other attributes land where they did by hand', async () => {
    const w = mount(FieldInput, {
      props: { id: 'unit-name', label: '单位名称', modelValue: '房管办', error: '必填', required: true, 'onUpdate:modelValue': (v?: string): void => void w.setProps({ modelValue: v }) },
      attrs: { 'data-testid': 'unit-name', maxlength: '200', disabled: false },
      slots: { hint: () => h('div', { class: 'hint' }, '用逗号分隔') },
      global: withUser(['district-staff']),
    })
    mounted.push(w)
    const item = w.findComponent({ name: 'ElFormItem' })
    expect(item.props()).toMatchObject({ label: '单位名称', for: 'unit-name', error: '必填', required: true })
    await flushPromises()
    const input = w.find('input#unit-name')
    expect(input.attributes('data-testid')).toBe('unit-name')
    expect(input.attributes('maxlength')).toBe('200')
    expect(item.attributes('data-testid')).toBeUndefined()
    expect(w.find('.hint').text()).toBe('用逗号分隔')
    await input.setValue('区房管局')
    expect(w.props('modelValue')).toBe('区房管局')
  })

  it('not required: the form item gets no rule of its own', () => {
    const w = mount(FieldInput, { props: { id: 'x', label: '联系人' }, global: withUser([]) })
    mounted.push(w)
    expect(w.findComponent({ name: 'ElFormItem' }).props('required')).toBeUndefined()
  })
})

describe('FieldNumber and FieldActive: a number and a status in an edit form', () => {
  it('FieldNumber names the form item and its for=; bounds and test id go to the number input', async () => {
    const w = mount(FieldNumber, {
      props: { id: 'line-sort-order', label: '排序', modelValue: 5, error: '须为 0–999 的整数', required: true },
      attrs: { 'data-testid': 'line-sort-order', min: 0, max: 999 },
      global: withUser(['district-staff']),
    })
    mounted.push(w)
    await flushPromises()
    expect(w.findComponent({ name: 'ElFormItem' }).props()).toMatchObject({ label: '排序', for: 'line-sort-order', error: '须为 0–999 的整数', required: true })
    const num = w.findComponent({ name: 'ElInputNumber' })
    expect(num.props()).toMatchObject({ id: 'line-sort-order', min: 0, max: 999, modelValue: 5 })
    expect(num.attributes('data-testid')).toBe('line-sort-order')
  })

  it('FieldActive: 状态, the screen\'s own texts, the test id on the switch', async () => {
    const w = mount(FieldActive, { props: { modelValue: false, texts: 'communities' }, attrs: { 'data-testid': 'line-active' }, global: withUser(['district-staff']) })
    mounted.push(w)
    expect(w.findComponent({ name: 'ElFormItem' }).props('label')).toBe('状态')
    const sw = w.findComponent({ name: 'ElSwitch' })
    expect(sw.props()).toMatchObject({ modelValue: false, activeText: '在用', inactiveText: '已停用' })
    expect(sw.attributes('data-testid')).toBe('line-active')
  })
})

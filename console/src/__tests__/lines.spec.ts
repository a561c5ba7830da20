import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '@/i18n'
import { ApiError } from '@/api/http'
import type { Line } from '@/api/intake'
import type { Role } from '@/auth/claims'
import { errorOf, signedIn } from './support/view'
import { emptyLine, lineBody, lineFormErrors, type LineForm } from '@/utils/lines'

const LINES: Line[] = [
  { code: 'planning', nameZh: '规划建设', nameEn: 'Planning', description: '规划许可、违章建筑', sortOrder: 10, active: true },
  { code: 'old-roads', nameZh: '道路（旧）', nameEn: 'Roads (old)', description: '', sortOrder: 90, active: false },
]
const lineCatalogue = vi.fn(async () => LINES)
const createLine = vi.fn()
const updateLine = vi.fn()
vi.mock('@/api/intake', async (orig) => ({
  ...(await orig<typeof import('@/api/intake')>()),
  intakeApi: {
    lineCatalogue: () => lineCatalogue(),
    createLine: (...a: unknown[]) => createLine(...a),
    updateLine: (...a: unknown[]) => updateLine(...a),
  },
}))

import Lines from '@/views/reference/Lines.vue'

const ok = (): LineForm => ({ code: 'housing', nameZh: '住房保障', nameEn: 'Housing', description: ' 旧改、租赁 ', sortOrder: 20, active: true })

describe('lines form: the bounds intake keeps', () => {
  it('a well-formed line has no errors and becomes the same body for create and change', () => {
    expect(lineFormErrors(ok(), true)).toEqual({})
    expect(lineBody(ok())).toEqual({ code: 'housing', nameZh: '住房保障', nameEn: 'Housing', description: '旧改、租赁', sortOrder: 20, active: true })
  })
  it('code: a lower-case letter then 1 to 39 of a-z, 0-9, -; only checked when new', () => {
    for (const bad of ['', 'h', 'Housing', '1housing', 'house_keeping', `h${'a'.repeat(40)}`]) expect(lineFormErrors({ ...ok(), code: bad }, true).code).toBe('lines.err.code')
    for (const good of ['ab', 'public-safety', `h${'a'.repeat(39)}`]) expect(lineFormErrors({ ...ok(), code: good }, true).code).toBeUndefined()
    expect(lineFormErrors({ ...ok(), code: 'Legacy_Code' }, false).code).toBeUndefined()
  })
  it('names 1..20 and 1..60, description at most 200, order a whole number 0..999', () => {
    expect(lineFormErrors({ ...ok(), nameZh: '  ' }, true).nameZh).toBe('common.required')
    expect(lineFormErrors({ ...ok(), nameZh: '字'.repeat(20) }, true).nameZh).toBeUndefined()
    expect(lineFormErrors({ ...ok(), nameZh: '字'.repeat(21) }, true).nameZh).toBe('lines.err.nameZh')
    expect(lineFormErrors({ ...ok(), nameEn: '' }, true).nameEn).toBe('common.required')
    expect(lineFormErrors({ ...ok(), nameEn: 'x'.repeat(61) }, true).nameEn).toBe('lines.err.nameEn')
    expect(lineFormErrors({ ...ok(), description: '' }, true)).toEqual({})
    expect(lineFormErrors({ ...ok(), description: '说'.repeat(201) }, true).description).toBe('lines.err.description')
    expect(lineFormErrors({ ...ok(), sortOrder: 999 }, true)).toEqual({})
    for (const bad of [null, -1, 1000, 2.5]) expect(lineFormErrors({ ...ok(), sortOrder: bad }, true).sortOrder).toBe('lines.err.sortOrder')
    expect(emptyLine()).toEqual({ code: '', nameZh: '', nameEn: '', description: '', sortOrder: 0, active: true })
  })
})

const mounted: Array<{ unmount(): void }> = []
afterEach(() => {
  mounted.splice(0).forEach((w) => w.unmount())
  vi.clearAllMocks()
})

async function mountLines(roles: Role[]) {
  const w = mount(Lines, { global: signedIn({ roles }), attachTo: document.body })
  mounted.push(w)
  await flushPromises()
  return w
}
const input = (testid: string) => document.querySelector(`[data-testid="${testid}"]`) as HTMLInputElement
async function type(testid: string, value: string) {
  const el = input(testid)
  el.value = value
  el.dispatchEvent(new Event('input'))
  await flushPromises()
}

describe('条线 screen', () => {
  it('a read-only role sees every line with its status, no add, no edit, and is told why', async () => {
    const w = await mountLines(['community-staff'])
    expect(lineCatalogue).toHaveBeenCalledOnce()
    expect(w.find('[data-testid="lines-table"]').text()).toContain('规划建设')
    expect(w.find('[data-testid="lines-status-planning"]').text()).toBe('在用')
    expect(w.find('[data-testid="lines-status-old-roads"]').text()).toBe('已停用')
    expect(w.find('[data-testid="lines-add"]').exists()).toBe(false)
    expect(w.find('[data-testid^="lines-edit-"]').exists()).toBe(false)
    expect(w.find('[data-testid="lines-readonly"]').exists()).toBe(true)
  })

  it('district staff add a line; the form names its own mistakes first, then sends the whole body', async () => {
    const w = await mountLines(['district-staff'])
    expect(w.find('[data-testid="lines-readonly"]').exists()).toBe(false)
    await w.find('[data-testid="lines-add"]').trigger('click')
    await flushPromises()
    await type('line-code', 'Housing')
    ;(document.querySelector('[data-testid="line-save"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(createLine).not.toHaveBeenCalled()
    expect(errorOf(w, 'line-code')).toBe(i18n.global.t('lines.err.code'))
    expect(errorOf(w, 'line-name-zh')).toBe('必填')

    await type('line-code', 'housing')
    await type('line-name-zh', '住房保障')
    await type('line-name-en', 'Housing')
    createLine.mockResolvedValueOnce({})
    ;(document.querySelector('[data-testid="line-save"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(createLine).toHaveBeenCalledWith({ code: 'housing', nameZh: '住房保障', nameEn: 'Housing', description: '', sortOrder: 0, active: true })
    expect(lineCatalogue).toHaveBeenCalledTimes(2)
  })

  it('the service\'s field error (409 on the code) lands on the field and the dialog stays open', async () => {
    const w = await mountLines(['district-staff'])
    await w.find('[data-testid="lines-add"]').trigger('click')
    await flushPromises()
    await type('line-code', 'planning')
    await type('line-name-zh', '规划')
    await type('line-name-en', 'Planning')
    createLine.mockRejectedValueOnce(new ApiError('problem', 409, {
      status: 409, titleZh: '条线代码已存在', titleEn: 'Line code exists',
      errors: [{ field: 'code', messageZh: '条线代码已存在', messageEn: 'a line with this code exists' }],
    }, 'x'))
    ;(document.querySelector('[data-testid="line-save"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(errorOf(w, 'line-code')).toBe('条线代码已存在')
    expect(document.querySelector('[data-testid="lines-dialog"] [role="alert"]')?.textContent).toContain('条线代码已存在')
    expect(input('line-code').value).toBe('planning')
  })

  it('edit keeps the code fixed and PUTs the same fields; the toggle sends the line unchanged but for active', async () => {
    const w = await mountLines(['ops-admin'])
    await w.find('[data-testid="lines-edit-planning"]').trigger('click')
    await flushPromises()
    expect(input('line-code').disabled).toBe(true)
    await type('line-name-en', 'Planning and building')
    updateLine.mockResolvedValueOnce({})
    ;(document.querySelector('[data-testid="line-save"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(updateLine).toHaveBeenCalledWith('planning', { ...LINES[0], nameEn: 'Planning and building' })

    updateLine.mockResolvedValueOnce({})
    await w.find('[data-testid="lines-toggle-old-roads"]').trigger('click')
    await flushPromises()
    expect(updateLine).toHaveBeenLastCalledWith('old-roads', { ...LINES[1], active: true })
  })
})

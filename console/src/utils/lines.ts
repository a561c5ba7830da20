import type { Line } from '@/api/intake'

/**
 * Lines (条线) as the form edits them; the checks mirror intake's bounds so most mistakes are named
 * before the request, and the service still decides.
 */
export const LINE_CODE = /^[a-z][a-z0-9-]{1,39}$/
export const LINE_BOUNDS = { nameZh: 20, nameEn: 60, description: 200, sortOrder: 999 } as const

export interface LineForm {
  code: string
  nameZh: string
  nameEn: string
  description: string
  sortOrder: number | null
  active: boolean
}

export const emptyLine = (): LineForm => ({ code: '', nameZh: '', nameEn: '', description: '', sortOrder: 0, active: true })

export const lineForm = (l: Line): LineForm =>
  ({ code: l.code, nameZh: l.nameZh, nameEn: l.nameEn, description: l.description ?? '', sortOrder: l.sortOrder, active: l.active })

/** Characters as a person counts them (a character outside the BMP is one). */
const length = (s: string) => [...s].length

/** Field → i18n key of the first problem found; empty when the form may be sent. The code is fixed once saved. */
export function lineFormErrors(f: LineForm, creating: boolean): Record<string, string> {
  const e: Record<string, string> = {}
  if (creating && !LINE_CODE.test(f.code)) e.code = 'lines.err.code'
  const zh = length(f.nameZh.trim())
  if (zh === 0) e.nameZh = 'common.required'
  else if (zh > LINE_BOUNDS.nameZh) e.nameZh = 'lines.err.nameZh'
  const en = length(f.nameEn.trim())
  if (en === 0) e.nameEn = 'common.required'
  else if (en > LINE_BOUNDS.nameEn) e.nameEn = 'lines.err.nameEn'
  if (length(f.description.trim()) > LINE_BOUNDS.description) e.description = 'lines.err.description'
  const n = f.sortOrder
  if (n === null || !Number.isInteger(n) || n < 0 || n > LINE_BOUNDS.sortOrder) e.sortOrder = 'lines.err.sortOrder'
  return e
}

/** The body of POST /lines and PUT /lines/{code}: the same fields both times. */
export function lineBody(f: LineForm): Line {
  return {
    code: f.code,
    nameZh: f.nameZh.trim(),
    nameEn: f.nameEn.trim(),
    description: f.description.trim(),
    sortOrder: f.sortOrder as number,
    active: f.active,
  }
}

/** RFC 9457 problem+json as the Minqing services send it (Chinese and English side by side). */
export interface FieldError {
  field: string
  message?: string
  messageZh?: string
  messageEn?: string
}

export interface Problem {
  type?: string
  title?: string
  status?: number
  detail?: string
  titleZh?: string
  titleEn?: string
  detailZh?: string
  detailEn?: string
  errors?: FieldError[]
}

export type Lang = 'zh-CN' | 'en'

/** Picks one language out of "中文 / English" when the separate members are missing. */
export function pick(zh: string | undefined, en: string | undefined, both: string | undefined, lang: Lang): string {
  if (lang === 'en' && en) return en
  if (lang !== 'en' && zh) return zh
  if (both) {
    const i = both.indexOf(' / ')
    if (i > 0) return lang === 'en' ? both.slice(i + 3) : both.slice(0, i)
    return both
  }
  return zh ?? en ?? ''
}

/**
 * The service's field names ("visitors[0].phone", "route", "request.unitId") mapped to the form's
 * own prop names. A field the form does not show stays under its own name, so it is still listed.
 */
export function normaliseField(field: string, aliases: Record<string, string> = {}): string {
  const direct = aliases[field]
  if (direct) return direct
  // "record.request.visitors[0].phone" style prefixes of method parameters are dropped by the service,
  // but older builds kept them: strip one leading "<param>." when the rest is known.
  const dot = field.indexOf('.')
  if (dot > 0 && aliases[field.slice(dot + 1)]) return aliases[field.slice(dot + 1)]
  return field
}

/** field → message in the chosen language; several messages for one field are joined. */
export function fieldErrors(p: Problem | null | undefined, lang: Lang = 'zh-CN', aliases: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of p?.errors ?? []) {
    if (!e || typeof e.field !== 'string') continue
    const key = normaliseField(e.field, aliases)
    const msg = pick(e.messageZh, e.messageEn, e.message, lang)
    out[key] = out[key] ? `${out[key]}；${msg}` : msg
  }
  return out
}

/** The sentence shown at the top of a form or in a message box. */
export function problemSummary(p: Problem | null | undefined, lang: Lang = 'zh-CN'): string {
  if (!p) return ''
  const title = pick(p.titleZh, p.titleEn, p.title, lang)
  const detail = pick(p.detailZh, p.detailEn, p.detail, lang)
  return detail ? `${title}：${detail}` : title
}

export function isProblem(x: unknown): x is Problem {
  return typeof x === 'object' && x !== null && ('status' in x || 'title' in x || 'errors' in x)
}

/** Fallback line names when the catalogue (intake's /open311/v2/services.json) cannot be read. */
export const LINE_NAMES: Record<string, string> = {
  housing: '住房保障', 'urban-management': '城市管理', environment: '生态环境', 'social-security': '社会保障',
  transport: '交通出行', education: '教育', health: '医疗卫生', 'public-safety': '公共安全', planning: '规划建设', other: '其他',
}

export function lineName(code: string | null | undefined, catalogue: Array<{ code: string; name: string }> = []): string {
  if (!code) return ''
  return catalogue.find((l) => l.code === code)?.name ?? LINE_NAMES[code] ?? code
}

/** A group petition (集体访): more households than the service's threshold (minqing.intake.group-petition-households, 5). */
export const GROUP_PETITION_HOUSEHOLDS = 5

export function isGroupPetition(households: number | null | undefined): boolean {
  return (households ?? 1) > GROUP_PETITION_HOUSEHOLDS
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID()
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
}

/** The start of a long text for a table cell or an option, with an ellipsis where it was cut. */
export function excerpt(s: string, n = 60): string {
  return s.length > n ? s.slice(0, n) + '…' : s
}

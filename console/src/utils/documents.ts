import { divisionName, tierOf } from './divisions'

/**
 * Helpers of the printed documents (转办单, 督办单, 公告, 签到表): the letterhead of the body
 * that issues them, document numbers and dates written the Chinese way.
 */
export function issuerName(code: string | null | undefined): string {
  if (!code) return '人大代表民情接访工作机构'
  const name = divisionName(code)
  switch (tierOf(code)) {
    case 'DISTRICT':
      return `${name}人大常委会`
    case 'SUBDISTRICT':
      return `${name}人大工委`
    default:
      return `${name}居民委员会`
  }
}

/** 2026-12-05 → 2026年12月5日 (no leading zeros, as on paper). */
export function chineseDate(iso: string | null | undefined): string {
  if (!iso) return ''
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!m) return iso
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`
}

/** The date an instant falls on in China (UTC+8, no daylight saving). */
export function chinaDay(instant: string | null | undefined): string {
  if (!instant) return ''
  const t = Date.parse(instant)
  if (Number.isNaN(t)) return instant
  return new Date(t + 8 * 3600e3).toISOString().slice(0, 10)
}

/** 转〔2026〕AB12CD34: the kind, the year and the first eight characters of the id, upper case. */
export function documentNumber(kind: string, year: string | number, id: string): string {
  return `${kind}〔${year}〕${id.replace(/-/g, '').slice(0, 8).toUpperCase()}`
}

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']

export function weekday(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`)
  return Number.isNaN(d.getTime()) ? '' : WEEKDAYS[d.getUTCDay()]!
}

/** 09:00:00 → 9:00 */
export function clock(t: string | null | undefined): string {
  if (!t) return ''
  const m = /^(\d{1,2}):(\d{2})/.exec(t)
  return m ? `${Number(m[1])}:${m[2]}` : t
}

/** Rows a sign-in sheet prints: the roster and then blank lines, at least `min` in all. */
export function padRows<T>(rows: T[], min: number): Array<T | null> {
  const out: Array<T | null> = [...rows]
  while (out.length < min) out.push(null)
  return out
}

/** The notice's receivers by kind label, in the service's order (人大代表, 党代表, 政协委员). */
export function groupReceivers(receivers: Array<{ name: string; kindLabel: string }>): Array<{ label: string; names: string[] }> {
  const out: Array<{ label: string; names: string[] }> = []
  for (const r of receivers) {
    const g = out.find((x) => x.label === r.kindLabel)
    if (g) g.names.push(r.name)
    else out.push({ label: r.kindLabel, names: [r.name] })
  }
  return out
}

/**
 * Whether a reply-by date may be picked for a 督办单: a working day from today on, at most
 * 60 days ahead (referral-service checks the same and answers 422 naming replyBy).
 */
export function replyByAllowed(iso: string, today: string, isWorking: (d: string) => boolean, maxDays = 60): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || iso < today) return false
  const days = (Date.parse(`${iso}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 864e5
  return days <= maxDays && isWorking(iso)
}

import type { IntakeWork, ReferralWork, RepresentativeWork } from '@/api/reports'
import type { Cell, Sheet } from './xlsx'
import { pct } from './charts'

/**
 * 工作汇报: the figures a work report quotes, from the three services that own them, as titled
 * tables. One model for the page, the print and the XLSX, so the three cannot disagree. A service
 * that did not answer leaves its figures as null (shown —), never as 0.
 */
export type Kind = 'text' | 'number' | 'rate'
export interface ReportTable { key: string; title: string; headers: string[]; kinds: Kind[]; rows: Cell[][] }

export interface Labels {
  t: (key: string, args?: Record<string, unknown>) => string
  line: (code: string) => string
  community: (code: string) => string
}

const n = (v: number | null | undefined): number | null => (v === undefined || v === null ? null : v)
const rate = (v: number | null | undefined): Cell => (v === undefined || v === null ? null : { percent: v })
const ratio = (part: number | null | undefined, whole: number | null | undefined): number | null =>
  part === null || part === undefined || !whole ? null : Math.round((10000 * part) / whole) / 10000

export function workReportTables(
  intake: IntakeWork | null, referral: ReferralWork | null, rep: RepresentativeWork | null, l: Labels,
): ReportTable[] {
  const t = l.t
  const kv = (key: string, rows: Array<[string, Cell]>): ReportTable => ({
    key, title: t(`report.section.${key}`), headers: [t('report.item'), t('report.value')], kinds: ['text', 'number'], rows: rows.map(([a, b]) => [a, b]),
  })
  const tables: ReportTable[] = []

  tables.push(kv('reception', [
    [t('report.daysHeld'), n(rep?.receptionDays.held)],
    [t('report.daysUpcoming'), n(rep?.receptionDays.upcoming)],
    [t('report.daysCancelled'), n(rep?.receptionDays.cancelled)],
    [t('report.communitiesHeld'), n(rep?.receptionDays.communities)],
  ]))
  const kinds = rep ? [...rep.attendance.byKind, rep.attendance.total] : []
  tables.push({
    key: 'attendance', title: `${t('report.section.reception')}：${t('report.kind')}`,
    headers: [t('report.kind'), t('report.rostered'), t('report.attended'), t('report.absent'), t('report.declined'), t('report.persons')],
    kinds: ['text', 'number', 'number', 'number', 'number', 'number'],
    rows: kinds.map((k) => [k.kind ? t(`kind.${k.kind}`) : t('report.total'), k.rostered, k.attended, k.absent, k.declined, k.representatives]),
  })

  tables.push(kv('visitors', [
    [t('report.cases'), n(intake?.cases)],
    [t('report.visitors'), n(intake?.visitors)],
    [t('report.households'), n(intake?.households)],
    [t('report.personsReceived'), n(intake?.persons)],
    [t('report.groupPetitions'), n(intake?.groupPetitions)],
    [t('report.groupPetitionPersons'), n(intake?.groupPetitionPersons)],
    [t('report.receptionDayCases'), n(intake?.receptionDayCases)],
    [t('report.casesByReps'), n(rep?.receptions.casesReceived)],
  ]))

  const channels = Object.entries(intake?.byChannel ?? {}).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1])
  tables.push({ ...kv('channels', channels.map(([k, v]) => [t(`channel.${k}`), v])), headers: [t('intake.channel'), t('report.count')] })
  tables.push({ ...kv('lines', (intake?.byLine ?? []).map((x) => [x.name ?? l.line(x.code), x.count])), headers: [t('intake.line'), t('report.count')] })

  const byRoute = referral?.referredByRoute ?? {}
  const groups = referral?.routeGroups
  tables.push(kv('routes', [
    [t('report.routeCommunity'), referral ? (groups?.community ?? byRoute.COMMUNITY ?? 0) : null],
    [t('report.routeSubdistrict'), referral ? (groups?.subdistrict ?? byRoute.SUBDISTRICT_DEPARTMENT ?? 0) : null],
    [t('report.routeBeyond'), referral ? (groups?.beyond ?? (byRoute.REPRESENTATIVE_CONTACT ?? 0) + (byRoute.INTER_SESSION_SUGGESTION ?? 0) + (byRoute.SESSION_SUGGESTION ?? 0)) : null],
    ...(['REPRESENTATIVE_CONTACT', 'INTER_SESSION_SUGGESTION', 'SESSION_SUGGESTION'] as const).map((r): [string, Cell] => [`　其中：${t(`route.${r}`)}`, referral ? (byRoute[r] ?? 0) : null]),
  ]))

  const handling = kv('handling', [
    [t('report.routed'), n(referral?.routed)],
    [t('report.handled'), n(referral?.handled)],
    [t('report.handledRate'), rate(referral?.handledRate ?? ratio(referral?.handled, referral?.routed))],
    [t('report.onTime'), n(referral?.handledOnTime)],
    [t('report.onTimeRate'), rate(referral?.onTimeRate ?? ratio(referral?.handledOnTime, referral?.handled))],
    [t('report.closed'), n(referral?.closed)],
    [t('report.closedRate'), rate(referral?.closedRate ?? ratio(referral?.closed, referral?.routed))],
    [t('report.overdue'), n(referral?.overdue)],
    [t('report.rated'), n(referral?.rated)],
    [t('report.satisfied'), n(referral?.satisfied)],
    [t('report.satisfactionRate'), rate(referral?.satisfactionRate)],
    [t('report.supervisions'), n(referral?.supervisions)],
    [t('report.suggestions'), n(rep?.suggestions.raised)],
    [t('report.suggestionsAnswered'), n(rep?.suggestions.answered)],
  ])
  tables.push(handling)

  tables.push(kv('repeats', [
    [t('report.repeatCases'), n(intake?.repeatCases)],
    [t('report.referralsWithRepeats'), n(referral?.referralsWithRepeats)],
  ]))

  // one row per community any service counted
  const codes = new Set<string>([...(intake?.byCommunity ?? []).map((c) => c.code), ...(rep?.byCommunity ?? []).map((c) => c.communityCode)])
  tables.push({
    key: 'communities', title: t('report.section.communities'),
    headers: [t('report.community'), t('report.cases'), t('report.daysHeld'), t('report.attended'), t('report.casesByReps')],
    kinds: ['text', 'number', 'number', 'number', 'number'],
    rows: [...codes].sort().map((code) => {
      const i = intake?.byCommunity.find((c) => c.code === code)
      const r = rep?.byCommunity.find((c) => c.communityCode === code)
      return [i?.name ?? l.community(code), intake ? (i?.count ?? 0) : null, rep ? (r?.held ?? 0) : null, rep ? (r?.attended ?? 0) : null, rep ? (r?.casesReceived ?? 0) : null]
    }),
  })
  return tables
}

/** A cell as the page and the print show it. */
export function showCell(v: Cell, kind: Kind): string {
  if (v === null || v === undefined) return '—'
  if (typeof v === 'object') return pct(v.percent)
  if (kind === 'rate' && typeof v === 'number') return pct(v)
  return String(v)
}

/** The report as one sheet: the heading lines, then each table under its bold title and header. */
export function workReportSheet(title: string, heading: string[], tables: ReportTable[]): Sheet {
  const rows: Cell[][] = [[title], ...heading.map((h) => [h]), []]
  const bold = [0]
  for (const tb of tables) {
    bold.push(rows.length)
    rows.push([tb.title])
    bold.push(rows.length)
    rows.push(tb.headers)
    rows.push(...tb.rows)
    rows.push([])
  }
  return { name: title, rows, boldRows: bold, widths: [34, 14, 14, 14, 14, 14] }
}

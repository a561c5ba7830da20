import type { Referral, ReferralStatus } from '@/api/referral'
import type { Sheet } from './xlsx'

/**
 * What each list exports: the filters the list on screen was loaded with, as the export's query.
 * Empty filters are left out (buildUrl drops them too), so an export never narrows more than the list.
 */
export function caseExportFilter(
  f: { q?: string; community?: string; line?: string; status?: string; channel?: string; from?: string | null; to?: string | null },
  onlyRepeat: boolean,
): Record<string, string | undefined> {
  const v = (s: string | null | undefined) => (s ? s : undefined)
  return {
    q: v(f.q?.trim()), community: v(f.community), line: v(f.line), status: v(f.status), channel: v(f.channel),
    from: v(f.from), to: v(f.to), repeat: onlyRepeat ? 'true' : undefined,
  }
}

/** The board's tabs as the referral export's filter; null: the service has no such filter (repeats), write the rows shown. */
export function boardExportFilter(tab: 'queue' | 'returned' | 'repeats' | 'all'): { status?: ReferralStatus } | null {
  switch (tab) {
    case 'queue':
      return { status: 'TO_ROUTE' }
    case 'returned':
      return { status: 'RETURNED' }
    case 'all':
      return {}
    default:
      return null
  }
}

export interface ReferralLabels {
  line: (code: string) => string
  community: (code: string) => string
  unit: (id: string | null) => string
  status: (s: string) => string
  route: (r: string) => string
}

/** Rows shown on the board as a sheet with the service export's Chinese headers (the columns the console has). */
export function referralSheet(rows: Referral[], l: ReferralLabels): Sheet {
  return {
    name: '转办队列',
    widths: [38, 38, 12, 10, 14, 22, 24, 12, 12, 10, 50],
    rows: [
      ['转办件编号', '案件编号', '社区', '条线', '状态', '转办途径', '承办单位', '签收期限', '办理期限', '重复次数', '诉求摘要'],
      ...rows.map((r) => [
        r.id, r.caseId, l.community(r.communityCode), l.line(r.lineCode), l.status(r.status), r.route ? l.route(r.route) : '',
        r.unitId ? l.unit(r.unitId) : '', r.acknowledgeBy ?? '', r.dueDate ?? '', r.repeatCount, r.description.slice(0, 60),
      ]),
    ],
  }
}

import { request, requestFile, type RequestOptions } from './http'
import type { Referral, ReferralStatus, Route, UnitTier } from './referral'
import type { RepresentativeKind } from './representative'

/**
 * The report, document and export answers of issue 13 (contracts: intake and referral in the
 * c2api branch, representative in c2rep). Every report is scoped by the service to the caller's
 * jurisdiction; `jurisdiction` may only narrow it.
 */
export interface Period {
  jurisdiction?: string
  from?: string
  to?: string
}
type Q = RequestOptions['query']

export interface CodeCount { code: string; name: string | null; count: number }

export interface HotIssues {
  jurisdiction: string
  from: string
  to: string
  total: number
  byLine: CodeCount[]
  byCommunity: CodeCount[]
  months: string[]
  trend: Array<{ code: string; name: string | null; counts: number[] }>
  repeats: Array<{
    caseId: string; lineCode: string; lineName: string | null; communityCode: string; communityName: string | null
    repeatCount: number; status: string; receivedOn: string; excerpt: string
  }>
}

export interface IntakeWork {
  jurisdiction: string
  from: string
  to: string
  cases: number
  visitors: number
  households: number
  persons: number
  groupPetitions: number
  groupPetitionPersons: number
  anonymousCases: number
  repeatCases: number
  receptionDayCases: number
  receptionDaysWithCases: number
  byChannel: Record<string, number>
  byLine: CodeCount[]
  byCommunity: CodeCount[]
}

export interface OpenWorkItem {
  referralId: string; caseId: string; status: ReferralStatus; lineCode: string; communityCode: string
  unitId: string | null; unitName: string | null; deadlineKind: string | null; dueDate: string | null
  state: 'APPROACHING' | 'OVERDUE'; watchTier: string | null
  /** Issue 14 (ADR 0020): empty for this piece's referral, else the delegated piece holding it (e.g. sd-310104001) */
  pieceId?: string | null
}

export interface OpenWork {
  jurisdiction: string
  today: string
  open: number
  byStatus: Record<string, number>
  byTier: Record<string, number>
  byWatchTier: Record<string, number>
  approaching: number
  overdue: number
  escalated: number
  supervisionsOpen: number
  supervisionsOverdue: number
  items: OpenWorkItem[]
}

export type UnitSort = 'responseRate' | 'onTimeResolutionRate' | 'satisfactionRate' | 'repeatRate' | 'overdue'
export const UNIT_SORTS: UnitSort[] = ['responseRate', 'onTimeResolutionRate', 'satisfactionRate', 'repeatRate', 'overdue']

export interface UnitScore {
  rank: number; unitId: string; unitName: string; tier: UnitTier; referred: number
  acceptedInTime: number; responseRate: number | null; repliedOnTime: number; onTimeResolutionRate: number | null
  rated: number; satisfied: number; satisfactionRate: number | null; withRepeats: number; repeatRate: number | null; overdue: number
}

export interface ReferralWork {
  jurisdiction: string
  from: string
  to: string
  cases: number
  repeatCases: number
  casesByLine: Record<string, number>
  casesByCommunity: Record<string, number>
  referrals: number
  referredByRoute: Partial<Record<Route, number>>
  routeGroups?: { community: number; subdistrict: number; beyond: number }
  routed?: number
  handled?: number
  handledRate?: number | null
  handledOnTime: number
  onTimeRate?: number | null
  closed?: number
  closedRate?: number | null
  overdue: number
  satisfaction: Record<string, number>
  rated?: number
  satisfied?: number
  satisfactionRate: number | null
  referralsWithRepeats: number
  supervisions?: number
}

export interface KindAttendance {
  kind: RepresentativeKind | null; kindLabel: string; rostered: number; attended: number; absent: number; declined: number; representatives: number
}

export interface RepresentativeWork {
  jurisdiction: string
  from: string
  to: string
  generatedAt: string
  receptionDays: { held: number; upcoming: number; cancelled: number; communities: number }
  attendance: { byKind: KindAttendance[]; total: KindAttendance }
  receptions: { records: number; casesReceived: number }
  suggestions: { raised: number; answered: number; answeredOnTime: number; byRoute: Array<{ route: Route; count: number }> }
  byCommunity: Array<{ communityCode: string; held: number; cancelled: number; attended: number; absent: number; casesReceived: number }>
}

export interface Supervision {
  id: number; referralId: string; respondBy: string; replyBy: string; note: string; issuedAt: string; issuedBy: string
  unitId: string | null; unitName: string | null; answeredAt: string | null; overdue: boolean; overdueFlaggedAt: string | null
  caseId?: string; communityCode?: string; lineCode?: string; status?: ReferralStatus
  /** Issue 14 (ADR 0020): empty for this piece's referral, else the delegated piece holding it */
  pieceId?: string | null
}

export interface ReferralDocument {
  referral: Referral
  unit: { id: string; name: string; tier: UnitTier; jurisdiction: string; contactName: string | null; contactPhone: string | null; contactEmail: string | null } | null
  caseSummary: {
    caseId: string; communityCode: string; lineCode: string; address: string | null; description: string
    households: number; urgency: string; recordedAt: string; repeatCaseIds: string[]
  }
  supervisions: Supervision[]
  issuer: { jurisdiction: string | null }
  printedAt: string
}

export interface Receiver { name: string; kind: RepresentativeKind; kindLabel: string; level: string | null }

export interface DayNotice {
  id: string; communityCode: string; subdistrictCode: string; date: string; weekday: string; startTime: string; endTime: string
  place: string; status: string; cancelReason: string | null; receivers: Receiver[]
}

export interface SignInSheet extends Omit<DayNotice, 'receivers'> {
  rows: Array<{
    no: number; representativeId: string; name: string; kind: RepresentativeKind; kindLabel: string; level: string | null
    liaisonStation: string | null; status: string; attended: boolean; absent: boolean
  }>
  declined: Array<{ representativeId: string; name: string; kindLabel: string; declineReason: string | null }>
}

export const DUTY_TYPES = ['VOTER_CONTACT', 'SURVEY', 'VISIT', 'SYMPOSIUM', 'INSPECTION', 'CHECK', 'RECEPTION', 'SUGGESTION'] as const
export type DutyType = (typeof DUTY_TYPES)[number]

export interface DutyRecord {
  id: string; representativeId: string; type: DutyType; typeLabel: string; date: string; place: string | null
  participants: string | null; notes: string | null; source: string | null; communityCode: string | null
  receptionDayId: string | null; referralId: string | null; route: Route | null; unitName: string | null; dueDate: string | null
  suggestionStatus: string | null; answered: boolean; answeredOnTime: boolean | null; caseIds: string[]
}

export interface YearSummary {
  representativeId: string; name: string; kind: RepresentativeKind; kindLabel: string; year: number
  countsByType: Partial<Record<DutyType, number>>; receptionDaysAssigned: number; receptionDaysAttended: number
  receptionDaysAbsent: number; suggestionsRaised: number; suggestionsAnswered: number; suggestionsAnsweredOnTime: number
  records: DutyRecord[]
}

export interface DutyArchive {
  representativeId: string
  records: DutyRecord[]
  absences: Array<{ receptionDayId: string; communityCode: string; date: string }>
}

export interface DutyArchiveRow {
  representativeId: string; name: string; kind: RepresentativeKind; kindLabel: string; level: string | null
  constituencyCode: string; liaisonStation: string | null; termStart: string | null; termEnd: string | null; active: boolean
  countsByType: Partial<Record<DutyType, number>>; receptionDaysAssigned: number; receptionDaysAttended: number
  receptionDaysAbsent: number; suggestionsRaised: number; suggestionsAnswered: number; suggestionsAnsweredOnTime: number
}

export interface DutyArchivePage { jurisdiction: string; year: number; total: number; page: number; size: number; rows: DutyArchiveRow[] }

const enc = encodeURIComponent
const q = (o: object): Q => o as Q

export const reportsApi = {
  hotIssues: (p: Period) => request<HotIssues>('intake', '/reports/hot-issues', { query: q(p) }),
  intakeWork: (p: Period) => request<IntakeWork>('intake', '/reports/work', { query: q(p) }),
  openWork: (p: Pick<Period, 'jurisdiction'>) => request<OpenWork>('referral', '/reports/open-work', { query: q(p) }),
  units: (p: Period & { sort?: UnitSort }) => request<UnitScore[]>('referral', '/reports/units', { query: q(p) }),
  referralWork: (p: Period) => request<ReferralWork>('referral', '/reports/work', { query: q(p) }),
  representativeWork: (p: Period) => request<RepresentativeWork>('representative', '/reports/work', { query: q(p) }),

  document: (referralId: string) => request<ReferralDocument>('referral', `/referrals/${enc(referralId)}/document`),
  supervisions: (referralId: string) => request<Supervision[]>('referral', `/referrals/${enc(referralId)}/supervisions`),
  supervise: (referralId: string, note: string, replyBy?: string) =>
    request<Supervision>('referral', `/referrals/${enc(referralId)}/supervision`, { body: { note, replyBy: replyBy || undefined } }),
  openSupervisions: (state: 'open' | 'overdue' | 'all' = 'open') => request<Supervision[]>('referral', '/supervisions', { query: { state } }),

  notice: (dayId: string) => request<DayNotice>('representative', `/reception-days/${enc(dayId)}/notice`),
  signInSheet: (dayId: string) => request<SignInSheet>('representative', `/reception-days/${enc(dayId)}/sign-in-sheet`),

  archive: (repId: string, year: number) => request<DutyArchive>('representative', `/duty-archive/${enc(repId)}`, { query: { year } }),
  archiveSummary: (repId: string, year: number) => request<YearSummary>('representative', `/duty-archive/${enc(repId)}/summary`, { query: { year } }),
  archives: (p: { year: number; jurisdiction?: string; kind?: string; page?: number; size?: number }) =>
    request<DutyArchivePage>('representative', '/reports/duty-archive', { query: q(p) }),
}

/** Exports the services stream as XLSX: filters in the query string, the token in the header. */
export const exportsApi = {
  cases: (filter: Record<string, string | undefined>) => requestFile('intake', '/cases/export.xlsx', q(filter)),
  referrals: (filter: { status?: string; line?: string; watchedByMe?: boolean }) => requestFile('referral', '/referrals/export.xlsx', q(filter)),
  units: (p: Period & { sort?: UnitSort }) => requestFile('referral', '/reports/units/export.xlsx', q(p)),
  archive: (repId: string, year: number) => requestFile('representative', `/duty-archive/${enc(repId)}/summary.xlsx`, { year }),
  archives: (p: { year: number; jurisdiction?: string; kind?: string }) => requestFile('representative', '/reports/duty-archive.xlsx', q(p)),
}

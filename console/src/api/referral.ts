import { request } from './http'

export type Route = 'COMMUNITY' | 'SUBDISTRICT_DEPARTMENT' | 'REPRESENTATIVE_CONTACT' | 'INTER_SESSION_SUGGESTION' | 'SESSION_SUGGESTION'
export const ROUTES: Route[] = ['COMMUNITY', 'SUBDISTRICT_DEPARTMENT', 'REPRESENTATIVE_CONTACT', 'INTER_SESSION_SUGGESTION', 'SESSION_SUGGESTION']
export type ReferralStatus =
  | 'TO_ROUTE' | 'REFERRED' | 'RETURNED' | 'ACCEPTED' | 'IN_PROGRESS' | 'EXTENDED' | 'REPLIED' | 'RESIDENT_INFORMED' | 'REOPENED' | 'CLOSED'
export const REFERRAL_STATUSES: ReferralStatus[] = [
  'TO_ROUTE', 'REFERRED', 'RETURNED', 'ACCEPTED', 'IN_PROGRESS', 'EXTENDED', 'REPLIED', 'RESIDENT_INFORMED', 'REOPENED', 'CLOSED',
]
export type Action = 'ROUTE' | 'ACCEPT' | 'RETURN' | 'PROGRESS' | 'EXTEND' | 'REPLY' | 'INFORM_RESIDENT' | 'CLOSE' | 'REOPEN'
export type UnitTier = 'COMMUNITY' | 'SUBDISTRICT' | 'DISTRICT' | 'CITY'

export interface Referral {
  id: string
  caseId: string
  communityCode: string
  subdistrictCode: string
  lineCode: string
  address: string | null
  description: string
  households: number
  urgency: string
  status: ReferralStatus
  allowedActions: Action[]
  suggestedRoute: Route | null
  suggestedUnitId: string | null
  route: Route | null
  unitId: string | null
  representativeId: string | null
  difficult: boolean
  acknowledgeBy: string | null
  returnBy: string | null
  dueDate: string | null
  deadlineKind: string | null
  openedAt: string
  referredAt: string | null
  acceptedAt: string | null
  repliedAt: string | null
  repliedOnTime: boolean | null
  reply: string | null
  informedAt: string | null
  closedAt: string | null
  outcome: string | null
  extendedDays: number | null
  reopenCount: number
  reviewRequested: boolean
  satisfaction: string | null
  repeatCount: number
  priority: number
  watchTier: 'COMMUNITY' | 'SUBDISTRICT' | 'DISTRICT' | null
  watchJurisdiction: string | null
  mergedInto: string | null
}

export interface TimelineEntry {
  id: number
  at: string
  actor: string
  actorRole: string
  action: string
  fromStatus: string | null
  toStatus: string | null
  reason: string | null
}

export interface Unit {
  id: string
  name: string
  tier: UnitTier
  lines: string[]
  jurisdiction: string
  active: boolean
  contactName?: string | null
  contactPhone?: string | null
  contactEmail?: string | null
  userSubject?: string | null
  /** ADR 0024: the piece that keeps the unit (null without an ownership table); false = a copy here. */
  keptBy?: string | null
  keptHere?: boolean
}

/** Issue 14: the body of PUT /units/{id} (lines comma-separated, `*` = every line). */
export interface UnitFields {
  name: string
  tier: UnitTier
  lines: string
  jurisdiction: string
  contactName?: string | null
  contactPhone?: string | null
  contactEmail?: string | null
  userSubject?: string | null
  active: boolean
}

/** A remit rule (转办规则): line × scope → the route and unit a new referral is pre-filled with. */
export interface RoutingRule {
  lineCode: string
  scopeCode: string
  route: Route
  unitId: string
  /** As on {@link Unit}: answered by GET, never sent. */
  keptBy?: string | null
  keptHere?: boolean
}

export interface RouteRequest {
  route: Route
  unitId: string
  representativeId?: string | null
  difficult: boolean
  note?: string
}

/** Issue 14 (ADR 0020): a referral held by a delegated sub-district's piece, from the district's read model. */
export interface DelegatedReferral {
  referralId: string; pieceId: string; caseId: string; communityCode: string; lineCode: string; status: ReferralStatus
  route: Route | null; unitId: string | null; unitName: string | null; acknowledgeBy: string | null; dueDate: string | null
  deadlineKind: string | null; watchTier: 'COMMUNITY' | 'SUBDISTRICT' | 'DISTRICT' | null; watchJurisdiction: string | null
  escalated: boolean; priority: number; repeatCount: number; openedAt: string; lastEventAt: string
}

/** The 202 answer: what was asked of the owning piece (the 督办单 appears once that piece issued it). */
export interface SupervisionAsked {
  referralId: string; caseId: string; pieceId: string; note: string; replyBy: string | null; requestedAt: string
}

/** The body of POST /delegated-referrals/{id}/supervision: an empty reply-by is left out (the piece's rule applies). */
export function delegatedSupervisionBody(note: string, replyBy?: string | null): { note: string; replyBy?: string } {
  return replyBy ? { note, replyBy } : { note }
}

/** How a time limit is measured (referral-service's WorkingCalendar.PeriodUnit). */
export type PeriodUnit = 'CALENDAR_DAYS' | 'WORKING_DAYS' | 'MONTHS'
export const PERIOD_UNITS: PeriodUnit[] = ['CALENDAR_DAYS', 'WORKING_DAYS', 'MONTHS']
export type DayKind = 'HOLIDAY' | 'ADJUSTED_WORKDAY'
export const DAY_KINDS: DayKind[] = ['HOLIDAY', 'ADJUSTED_WORKDAY']

/** Issue 14: a row of the deadline policy table (办理时限), GET/PUT /deadline-policies; route `*` = every route. */
export interface DeadlinePolicy {
  kind: string
  route: string
  amount: number
  unit: PeriodUnit
  basis: string
}

/** A listed day of the working calendar (工作日历): a holiday or an adjusted working weekend (调休上班). */
export interface CalendarDay {
  day: string
  kind: DayKind
  name: string
}

const base = (id: string) => `/referrals/${encodeURIComponent(id)}`

export const referralApi = {
  list: (q: { status?: string; line?: string; caseId?: string; watchedByMe?: boolean } = {}) =>
    request<Referral[]>('referral', '/referrals', { query: q }),
  get: (id: string) => request<Referral>('referral', base(id)),
  timeline: (id: string) => request<TimelineEntry[]>('referral', `${base(id)}/timeline`),
  route: (id: string, body: RouteRequest) => request<Referral>('referral', `${base(id)}/route`, { body }),
  accept: (id: string, note?: string) => request<Referral>('referral', `${base(id)}/accept`, { body: { note } }),
  giveBack: (id: string, reason: string) => request<Referral>('referral', `${base(id)}/return`, { body: { reason } }),
  progress: (id: string, note: string) => request<Referral>('referral', `${base(id)}/progress`, { body: { note } }),
  reply: (id: string, reply: string) => request<Referral>('referral', `${base(id)}/reply`, { body: { reply } }),
  extend: (id: string, days: number, reason: string) => request<Referral>('referral', `${base(id)}/extend`, { body: { days, reason } }),
  residentInformed: (id: string, note?: string) => request<Referral>('referral', `${base(id)}/resident-informed`, { body: { note } }),
  close: (id: string, outcome: string) => request<Referral>('referral', `${base(id)}/close`, { body: { outcome } }),
  supervise: (id: string, note: string) =>
    request<{ referralId: string; respondBy: string }>('referral', `${base(id)}/supervision`, { body: { note } }),
  unlink: (id: string, caseId: string) => request<Referral>('referral', `${base(id)}/repeats/${encodeURIComponent(caseId)}/unlink`, { method: 'POST' }),
  merge: (id: string, referralId: string) => request<Referral>('referral', `${base(id)}/merge`, { body: { referralId } }),
  units: (q: { tier?: UnitTier; line?: string } = {}) => request<Unit[]>('referral', '/units', { query: q }),
  putUnit: (id: string, body: UnitFields) => request<Unit>('referral', `/units/${encodeURIComponent(id)}`, { method: 'PUT', body }),
  rules: () => request<RoutingRule[]>('referral', '/routing-rules'),
  putRule: (body: RoutingRule) => request<RoutingRule>('referral', '/routing-rules', { method: 'PUT', body }),
  delegated: (q: { watchedByMe?: boolean; status?: ReferralStatus; page?: number } = {}) =>
    request<DelegatedReferral[]>('referral', '/delegated-referrals', { query: q }),
  superviseDelegated: (id: string, note: string, replyBy?: string | null) =>
    request<SupervisionAsked>('referral', `/delegated-referrals/${encodeURIComponent(id)}/supervision`, { body: delegatedSupervisionBody(note, replyBy) }),
  calendar: (year: number) => request<CalendarDay[]>('referral', `/calendar/${year}`),
  /** The years with an arrangement loaded. */
  calendarYears: () => request<number[]>('referral', '/calendar'),
  /** Replaces a year's whole arrangement (the service has no per-day call): the list sent is the year. */
  putCalendar: (year: number, days: CalendarDay[]) =>
    request<CalendarDay[]>('referral', `/calendar/${year}`, { method: 'PUT', body: { days } }),
  policies: () => request<DeadlinePolicy[]>('referral', '/deadline-policies'),
  /** Upserts one row (kind × route); the answer is the whole table after the change. */
  putPolicy: (body: DeadlinePolicy) => request<DeadlinePolicy[]>('referral', '/deadline-policies', { method: 'PUT', body }),
}

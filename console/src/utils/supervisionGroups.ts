import type { DelegatedReferral, Referral } from '@/api/referral'
import { deadlineState, type CalendarEntry } from './deadline'
import { isFinished, relevantDue } from './routing'

/**
 * Issue 14 (ADR 0020): a row of the 督办 screen's 超期 / 临期 / 已升级 tabs (督办分组). Either one of this
 * piece's referrals (pieceId null, `referral` set: a local page and local 督办) or one a delegated
 * sub-district's piece holds, known from the district's read model (GET /delegated-referrals): no
 * description (events carry no resident text), no local page, 督办 asked of the owning piece.
 */
export interface SupervisionRow {
  /** the referral id (test ids use it for both kinds) */
  id: string
  caseId: string
  communityCode: string
  unitId: string | null
  /** the unit's name as the read model has it (delegated rows); own rows are named from the unit list */
  unitName: string | null
  status: Referral['status']
  watchTier: Referral['watchTier']
  /** the date that decides the colour: acknowledge-by before routing, else the current due date */
  due: string | null
  finished: boolean
  /** null for this piece's referral, else the delegated piece holding it (e.g. sd-310104001) */
  pieceId: string | null
  /** this piece's referral; absent on a delegated row */
  referral?: Referral
}

export interface SupervisionGroups {
  overdue: SupervisionRow[]
  approaching: SupervisionRow[]
  escalated: SupervisionRow[]
}

export function ownRow(r: Referral): SupervisionRow {
  return {
    id: r.id, caseId: r.caseId, communityCode: r.communityCode, unitId: r.unitId, unitName: null, status: r.status,
    watchTier: r.watchTier, due: relevantDue(r), finished: isFinished(r), pieceId: null, referral: r,
  }
}

export function delegatedRow(d: DelegatedReferral): SupervisionRow {
  return {
    id: d.referralId, caseId: d.caseId, communityCode: d.communityCode, unitId: d.unitId, unitName: d.unitName, status: d.status,
    watchTier: d.watchTier,
    // the read model has no return-by: a referral not yet accepted is measured by its due date
    due: relevantDue({ status: d.status, dueDate: d.dueDate, acknowledgeBy: d.acknowledgeBy, returnBy: null }),
    finished: isFinished(d), pieceId: d.pieceId?.trim() || null,
  }
}

/**
 * This piece's referrals (merged ones left out, as before) followed by the delegated ones; a delegated
 * row with the id of one of this piece's referrals is dropped (the piece's own record wins).
 */
export function supervisionRows(own: Referral[], delegated: DelegatedReferral[]): SupervisionRow[] {
  const mine = own.filter((r) => !r.mergedInto)
  const ids = new Set(mine.map((r) => r.id))
  return [...mine.map(ownRow), ...delegated.filter((d) => !ids.has(d.referralId)).map(delegatedRow)]
}

/**
 * The three tabs: open rows of the chosen watch tier ('' = any); 超期 / 临期 by the working-day calendar
 * (deadlineState, as the deadline tags); 已升级 = watched at district tier (supervision moved above the
 * sub-district that first watched it).
 */
export function groupSupervision(
  rows: SupervisionRow[],
  tier: string,
  today: string,
  calendar: Map<string, CalendarEntry['kind']>,
): SupervisionGroups {
  const open = rows.filter((r) => !r.finished && (!tier || r.watchTier === tier))
  const state = (r: SupervisionRow) => deadlineState(r.due, today, false, calendar)
  return {
    overdue: open.filter((r) => state(r) === 'overdue'),
    approaching: open.filter((r) => state(r) === 'approaching'),
    escalated: open.filter((r) => r.watchTier === 'DISTRICT'),
  }
}

/** The service's page of GET /delegated-referrals (DelegatedReferrals.PAGE_SIZE). */
export const DELEGATED_PAGE_SIZE = 500
/** The service accepts page 0..10000; the screen stops well before (10,000 rows). */
export const DELEGATED_MAX_PAGES = 20

/**
 * Every page of a paged list: asks for page 0, 1, … until a page comes back short (the last one) or
 * {@code maxPages} were read, so a district with more delegated referrals than one page sees them all.
 */
export async function allPages<T>(page: (n: number) => Promise<T[]>, pageSize = DELEGATED_PAGE_SIZE,
  maxPages = DELEGATED_MAX_PAGES): Promise<T[]> {
  const out: T[] = []
  for (let n = 0; n < maxPages; n++) {
    const rows = await page(n)
    out.push(...rows)
    if (rows.length < pageSize) break
  }
  return out
}

/**
 * GET /delegated-referrals for the 督办 screen: any failure (a piece without delegated sub-districts may
 * refuse, some roles get 403, the service may be down) leaves the screen with this piece's referrals only,
 * silently — the screen's own list reports its own errors.
 */
export async function loadDelegatedOrNone(call: () => Promise<DelegatedReferral[]>): Promise<DelegatedReferral[]> {
  try {
    const r = await call()
    return Array.isArray(r) ? r : []
  } catch {
    return []
  }
}

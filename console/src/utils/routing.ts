import type { Referral, Route, TimelineEntry, Unit } from '@/api/referral'

/** The three paths beyond the sub-district, which go through a representative (and alone reach city units). */
export const REPRESENTATIVE_ROUTES: Route[] = ['REPRESENTATIVE_CONTACT', 'INTER_SESSION_SUGGESTION', 'SESSION_SUGGESTION']

export function needsRepresentative(route: Route | null | undefined): boolean {
  return !!route && REPRESENTATIVE_ROUTES.includes(route)
}

/**
 * The units a route allows for this referral, the same rule referral-service applies on routing
 * (ReferralService.checkRouteAllowed): the community's own office; the sub-district's department;
 * district or city units for the three paths beyond; always one that handles the case's line.
 */
export function allowedUnits(route: Route | null | undefined, r: Pick<Referral, 'communityCode' | 'subdistrictCode' | 'lineCode'>, units: Unit[]): Unit[] {
  if (!route) return []
  return units.filter((u) => {
    if (!u.active) return false
    if (!(u.lines.includes('*') || u.lines.includes(r.lineCode))) return false
    switch (route) {
      case 'COMMUNITY':
        return u.tier === 'COMMUNITY' && u.jurisdiction === r.communityCode
      case 'SUBDISTRICT_DEPARTMENT':
        return u.tier === 'SUBDISTRICT' && u.jurisdiction === r.subdistrictCode
      default:
        return u.tier === 'DISTRICT' || u.tier === 'CITY'
    }
  })
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i

/** Cases linked to a referral as repeats, read from its timeline (linked minus unlinked). */
export function linkedRepeatCases(timeline: TimelineEntry[]): string[] {
  const linked: string[] = []
  for (const e of timeline) {
    const id = e.reason?.match(UUID)?.[0]
    if (!id) continue
    if (e.action === 'REPEAT_LINKED' && !linked.includes(id)) linked.push(id)
    if (e.action === 'UNLINK_REPEAT' && linked.includes(id)) linked.splice(linked.indexOf(id), 1)
  }
  return linked
}

/** The unit's reason of the latest return (退回). */
export function returnReason(timeline: TimelineEntry[]): string | null {
  for (let i = timeline.length - 1; i >= 0; i--) if (timeline[i].action === 'RETURN') return timeline[i].reason
  return null
}

/** Referrals grouped the way the board shows them. */
export function boardTabs(list: Referral[]) {
  const open = list.filter((r) => r.status !== 'CLOSED' && !r.mergedInto)
  return {
    queue: open.filter((r) => r.status === 'TO_ROUTE'),
    returned: open.filter((r) => r.status === 'RETURNED'),
    repeats: open.filter((r) => r.repeatCount > 0),
    all: list,
  }
}

/** The date a referral's colour is about: acknowledge-by while waiting to be routed, else the due date. */
export function relevantDue(r: Pick<Referral, 'status' | 'dueDate' | 'acknowledgeBy' | 'returnBy'>): string | null {
  if (r.status === 'TO_ROUTE' || r.status === 'RETURNED') return r.acknowledgeBy ?? r.dueDate
  if (r.status === 'REFERRED') return r.dueDate ?? r.returnBy
  return r.dueDate
}

export function isFinished(r: Pick<Referral, 'status'>): boolean {
  return r.status === 'REPLIED' || r.status === 'RESIDENT_INFORMED' || r.status === 'CLOSED'
}

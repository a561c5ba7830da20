import type { Role } from './claims'

/**
 * Which roles may use each screen and each action, mirroring the services' @RolesAllowed.
 * The console only hides what a role cannot use; the services still decide.
 */
const STAFF: Role[] = ['community-staff', 'subdistrict-staff', 'district-staff']
const UPPER_STAFF: Role[] = ['subdistrict-staff', 'district-staff']

export interface MenuItem {
  path: string
  name: string
  titleKey: string
  icon: string
  roles: Role[]
}

export const MENU: MenuItem[] = [
  { path: '/home', name: 'home', titleKey: 'menu.home', icon: 'HomeFilled', roles: [] },
  { path: '/reception-days', name: 'reception-days', titleKey: 'menu.receptionDays', icon: 'Calendar', roles: STAFF },
  { path: '/my-reception-days', name: 'my-reception-days', titleKey: 'menu.myReceptionDays', icon: 'Calendar', roles: ['representative'] },
  { path: '/intake', name: 'intake', titleKey: 'menu.intake', icon: 'EditPen', roles: [...STAFF, 'representative', 'liaison-officer'] },
  { path: '/cases', name: 'cases', titleKey: 'menu.cases', icon: 'Tickets', roles: STAFF },
  { path: '/referrals', name: 'referrals', titleKey: 'menu.referrals', icon: 'Share', roles: UPPER_STAFF },
  { path: '/handling', name: 'handling', titleKey: 'menu.handling', icon: 'Finished', roles: ['handling-unit'] },
  { path: '/supervision', name: 'supervision', titleKey: 'menu.supervision', icon: 'AlarmClock', roles: UPPER_STAFF },
  { path: '/dashboards', name: 'dashboards', titleKey: 'menu.dashboards', icon: 'DataAnalysis', roles: STAFF },
  { path: '/work-report', name: 'work-report', titleKey: 'menu.workReport', icon: 'Document', roles: STAFF },
  { path: '/representatives', name: 'representatives', titleKey: 'menu.representatives', icon: 'Notebook', roles: STAFF },
  { path: '/communities', name: 'communities', titleKey: 'menu.communities', icon: 'OfficeBuilding', roles: [...UPPER_STAFF, 'ops-admin'] },
  { path: '/lines', name: 'lines', titleKey: 'menu.lines', icon: 'Files', roles: [...STAFF, 'ops-admin'] },
  { path: '/units', name: 'units', titleKey: 'menu.units', icon: 'Connection', roles: [...UPPER_STAFF, 'ops-admin'] },
  {
    path: '/deadlines', name: 'deadlines', titleKey: 'menu.deadlines', icon: 'Timer',
    roles: [...STAFF, 'handling-unit', 'ops-admin'],
  },
  { path: '/duty-record', name: 'duty-record', titleKey: 'menu.dutyRecord', icon: 'Notebook', roles: ['representative'] },
  {
    path: '/inbox', name: 'inbox', titleKey: 'menu.inbox', icon: 'Message',
    roles: [...STAFF, 'representative', 'liaison-officer', 'handling-unit', 'ops-admin'],
  },
]

export const ACTIONS = {
  'reception:schedule': STAFF,
  'reception:change': STAFF,
  'reception:answer': ['representative'],
  'case:record': [...STAFF, 'representative', 'liaison-officer'],
  'case:full-read': STAFF,
  'case:reissue-receipt': STAFF,
  'case:access-log': UPPER_STAFF,
  'referral:route': UPPER_STAFF,
  'referral:handle': ['handling-unit'],
  'referral:extend': ['handling-unit', ...UPPER_STAFF],
  'referral:inform': STAFF,
  'referral:close': STAFF,
  'referral:repeats': STAFF,
  'referral:supervise': UPPER_STAFF,
  /** Issue 14 (ADR 0020): POST /delegated-referrals/{id}/supervision, district staff only. */
  'referral:supervise-delegated': ['district-staff'],
  'report:export': STAFF,
  'document:referral': [...STAFF, 'handling-unit'],
  'document:notice': [...STAFF, 'liaison-officer'],
  'document:sign-in': STAFF,
  'archive:export-all': STAFF,
  /** Issue 14: intake's POST/PUT /communities (a sub-district only for its own communities). */
  'community:edit': [...UPPER_STAFF, 'ops-admin'],
  /** Intake's POST /lines and PUT /lines/{code}: lines hold district-wide, so the district and ops only. */
  'line:edit': ['district-staff', 'ops-admin'],
  /**
   * Issue 14: referral's PUT /units/{id} and PUT /routing-rules. Which rows is the service's
   * question too (a sub-district only its own units and rules): utils/referenceRights.
   */
  'unit:edit': [...UPPER_STAFF, 'ops-admin'],
  'rule:edit': [...UPPER_STAFF, 'ops-admin'],
  /**
   * Issue 14: referral's PUT /deadline-policies and PUT /calendar/{year}: the limits and the
   * calendar hold district-wide, so the district and ops only (no sub-district).
   */
  'policy:edit': ['district-staff', 'ops-admin'],
  'calendar:edit': ['district-staff', 'ops-admin'],
} satisfies Record<string, Role[]>

export type ActionKey = keyof typeof ACTIONS

/** A role list of [] means everyone signed in. */
export function allowed(required: readonly Role[], roles: readonly Role[]): boolean {
  return required.length === 0 || required.some((r) => roles.includes(r))
}

export function can(action: ActionKey, roles: readonly Role[]): boolean {
  return allowed(ACTIONS[action], roles)
}

export function menuFor(roles: readonly Role[]): MenuItem[] {
  return MENU.filter((m) => allowed(m.roles, roles))
}

export function rolesForPath(path: string): Role[] | null {
  const m = MENU.find((x) => path === x.path || path.startsWith(x.path + '/'))
  return m ? m.roles : null
}

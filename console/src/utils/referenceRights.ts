import type { Role } from '@/auth/claims'
import type { UnitTier } from '@/api/referral'
import { prefixOf } from '@/utils/divisions'

/**
 * Which handling units and remit rules a caller may change (issue 14, referral-service's
 * ReferenceEditors, ADR 0021): ops-admin all; district staff those within their district, up to
 * district tier; sub-district staff their own (community or sub-district tier, in their area).
 * The console only hides what the service would refuse (403, or 409 for a copy another piece keeps,
 * ADR 0024: {@code keptHere} false); the service still decides.
 */
export interface Editor {
  roles: readonly Role[]
  jurisdiction: string | null
}

const ORDER: UnitTier[] = ['COMMUNITY', 'SUBDISTRICT', 'DISTRICT', 'CITY']

/** Whether {@code code} lies within (or is) the caller's jurisdiction: a prefix check, as the services do. */
export function within(jurisdiction: string | null, code: string | null | undefined): boolean {
  if (!jurisdiction || !code || !/^\d{12}$/.test(jurisdiction) || !/^\d{12}$/.test(code)) return false
  return code.startsWith(prefixOf(jurisdiction))
}

/** The tiers the caller may give a unit, lowest first; every tier for ops-admin, none for other roles. */
export function editableTiers(e: Editor): UnitTier[] {
  if (e.roles.includes('ops-admin')) return ORDER
  if (e.roles.includes('district-staff')) return ORDER.slice(0, 3)
  if (e.roles.includes('subdistrict-staff')) return ORDER.slice(0, 2)
  return []
}

/** A row this piece holds as a copy is changed in the piece that keeps it ({@code keptBy}). */
export function keptElsewhere(row: { keptHere?: boolean }): boolean {
  return row.keptHere === false
}

export function mayEditUnit(e: Editor, unit: { tier: UnitTier; jurisdiction: string; keptHere?: boolean }): boolean {
  if (keptElsewhere(unit)) return false
  if (e.roles.includes('ops-admin')) return true
  return editableTiers(e).includes(unit.tier) && within(e.jurisdiction, unit.jurisdiction.trim())
}

/** A rule's scope must be the caller's; a sub-district's rule may name its own units or a district or city unit. */
export function mayEditRule(e: Editor, rule: { scopeCode: string; keptHere?: boolean }, unit?: { tier: UnitTier; jurisdiction: string } | null): boolean {
  if (keptElsewhere(rule)) return false
  if (e.roles.includes('ops-admin')) return true
  if (editableTiers(e).length === 0 || !within(e.jurisdiction, rule.scopeCode)) return false
  if (unit && !e.roles.includes('district-staff') && (unit.tier === 'COMMUNITY' || unit.tier === 'SUBDISTRICT')) {
    return within(e.jurisdiction, unit.jurisdiction.trim())
  }
  return true
}

/** The units a caller may name in a rule (the same test as {@link mayEditRule}, without a scope yet). */
export function unitsForRules<U extends { tier: UnitTier; jurisdiction: string; active: boolean }>(e: Editor, units: readonly U[]): U[] {
  return units.filter((u) => u.active && (e.roles.includes('ops-admin') || e.roles.includes('district-staff')
    || u.tier === 'DISTRICT' || u.tier === 'CITY' || within(e.jurisdiction, u.jurisdiction.trim())))
}

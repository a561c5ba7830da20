import type { Route, RoutingRule, Unit, UnitFields, UnitTier } from '@/api/referral'
import { editableTiers, mayEditRule, within, type Editor } from '@/utils/referenceRights'

/**
 * Handling units and remit rules as the forms edit them (issue 14). The checks mirror
 * referral-service's (field names as the service names them), so most mistakes and most refusals
 * are named before the request; the service still decides.
 */
export interface UnitForm {
  id: string
  name: string
  tier: UnitTier
  lines: string
  jurisdiction: string
  contactName: string
  contactPhone: string
  contactEmail: string
  userSubject: string
  active: boolean
}

export interface RuleForm {
  lineCode: string
  scopeCode: string
  route: Route
  unitId: string
}

const CODE = /^\d{12}$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const ACCOUNT = /^[A-Za-z0-9._@-]+$/

/** A new unit's id: the service keys units by a UUID the caller chooses (PUT /units/{id}). */
export function newUnitId(): string {
  const c = globalThis.crypto
  if (typeof c.randomUUID === 'function') return c.randomUUID()
  const b = new Uint8Array(16)
  c.getRandomValues(b)
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

export function unitForm(u: Unit | null, e: Editor): UnitForm {
  if (!u) {
    const tiers = editableTiers(e)
    return {
      id: newUnitId(), name: '', tier: tiers.includes('SUBDISTRICT') ? 'SUBDISTRICT' : tiers[0] ?? 'COMMUNITY', lines: '',
      jurisdiction: e.jurisdiction ?? '', contactName: '', contactPhone: '', contactEmail: '', userSubject: '', active: true,
    }
  }
  return {
    id: u.id, name: u.name, tier: u.tier, lines: u.lines.join(','), jurisdiction: u.jurisdiction.trim(),
    contactName: u.contactName ?? '', contactPhone: u.contactPhone ?? '', contactEmail: u.contactEmail ?? '',
    userSubject: u.userSubject ?? '', active: u.active,
  }
}

/** Field → i18n key of the first problem found; empty when the form may be sent. */
export function unitFormErrors(f: UnitForm, e: Editor): Record<string, string> {
  const errors: Record<string, string> = {}
  if (!f.name.trim()) errors.name = 'common.required'
  else if (f.name.trim().length > 200) errors.name = 'units.err.name'
  if (!f.lines.replace(/[\s,]/g, '')) errors.lines = 'units.err.lines'
  if (!CODE.test(f.jurisdiction.trim())) errors.jurisdiction = 'units.err.code'
  else if (!e.roles.includes('ops-admin') && !within(e.jurisdiction, f.jurisdiction.trim())) errors.jurisdiction = 'units.err.scope'
  if (!editableTiers(e).includes(f.tier)) errors.tier = 'units.err.scope'
  if (f.contactEmail.trim() && !EMAIL.test(f.contactEmail.trim())) errors.contactEmail = 'units.err.email'
  if (f.userSubject.trim() && !ACCOUNT.test(f.userSubject.trim())) errors.userSubject = 'units.err.account'
  return errors
}

export function unitBody(f: UnitForm): UnitFields {
  const opt = (s: string) => (s.trim() ? s.trim() : null)
  return {
    name: f.name.trim(), tier: f.tier, lines: f.lines.split(/[,，\s]+/).filter((l) => l).join(','), jurisdiction: f.jurisdiction.trim(),
    contactName: opt(f.contactName), contactPhone: opt(f.contactPhone), contactEmail: opt(f.contactEmail), userSubject: opt(f.userSubject),
    active: f.active,
  }
}

export function ruleFormErrors(f: RuleForm, e: Editor, unit: Unit | undefined): Record<string, string> {
  const errors: Record<string, string> = {}
  if (!f.lineCode.trim()) errors.lineCode = 'common.required'
  if (!CODE.test(f.scopeCode.trim())) errors.scopeCode = 'units.err.code'
  else if (!mayEditRule(e, { scopeCode: f.scopeCode.trim() })) errors.scopeCode = 'units.err.scope'
  if (!f.unitId) errors.unitId = 'common.required'
  else if (unit && !mayEditRule(e, { scopeCode: f.scopeCode.trim() }, unit) && !errors.scopeCode) errors.unitId = 'units.err.scope'
  return errors
}

export function ruleBody(f: RuleForm): RoutingRule {
  return { lineCode: f.lineCode.trim(), scopeCode: f.scopeCode.trim(), route: f.route, unitId: f.unitId }
}

import { describe, expect, it } from 'vitest'
import { can, menuFor, rolesForPath } from '@/auth/permissions'
import { ROLES, callerFromClaims, decodeJwtPayload } from '@/auth/claims'

const names = (roles: Parameters<typeof menuFor>[0]) => menuFor(roles).map((m) => m.name)
/** Every role that may take the action, each asked on its own: a role added by mistake shows too. */
const allowed = (action: Parameters<typeof can>[0]) => ROLES.filter((r) => can(action, [r]))

describe('role → menu', () => {
  it('community staff record and search cases, see reception days, not the sub-district board', () => {
    expect(names(['community-staff'])).toEqual(['home', 'reception-days', 'intake', 'cases', 'dashboards', 'work-report', 'representatives', 'lines', 'deadlines', 'inbox'])
  })
  it('sub-district staff also route and supervise', () => {
    expect(names(['subdistrict-staff'])).toEqual(['home', 'reception-days', 'intake', 'cases', 'referrals', 'supervision', 'dashboards', 'work-report', 'representatives', 'communities', 'lines', 'units', 'deadlines', 'inbox'])
  })
  it('a handling unit sees its own work, messages and (read-only) the time limits it works to', () => {
    expect(names(['handling-unit'])).toEqual(['home', 'handling', 'deadlines', 'inbox'])
  })
  it('a representative has 我的接访日 and the desk, not the case search', () => {
    expect(names(['representative'])).toEqual(['home', 'my-reception-days', 'intake', 'duty-record', 'inbox'])
  })
  it('communities (issue 14): district and sub-district staff and ops edit them, not community staff', () => {
    expect(names(['ops-admin'])).toEqual(['home', 'communities', 'lines', 'units', 'deadlines', 'inbox'])
    expect(names(['community-staff'])).not.toContain('communities')
    expect(can('community:edit', ['district-staff'])).toBe(true)
    expect(can('community:edit', ['community-staff'])).toBe(false)
  })
  it('units and remit rules (issue 14): district and sub-district staff and ops edit them; community staff and units do not', () => {
    expect(names(['district-staff'])).toContain('units')
    expect(names(['community-staff'])).not.toContain('units')
    expect(names(['handling-unit'])).not.toContain('units')
    expect(allowed('unit:edit')).toEqual(['district-staff', 'subdistrict-staff', 'ops-admin'])
    expect(allowed('rule:edit')).toEqual(['district-staff', 'subdistrict-staff', 'ops-admin'])
  })
  it('time limits and the calendar (issue 14): everyone who works to them reads them; only the district and ops change them', () => {
    for (const role of ['community-staff', 'subdistrict-staff', 'district-staff', 'handling-unit', 'ops-admin'] as const) {
      expect(names([role])).toContain('deadlines')
    }
    expect(rolesForPath('/deadlines')).not.toContain('representative')
    expect(allowed('policy:edit')).toEqual(['district-staff', 'ops-admin'])
    expect(allowed('calendar:edit')).toEqual(['district-staff', 'ops-admin'])
  })
  it('lines (条线): every staff role and ops read them; only the district and ops change them', () => {
    expect(rolesForPath('/lines')).toEqual(['community-staff', 'subdistrict-staff', 'district-staff', 'ops-admin'])
    expect(names(['handling-unit'])).not.toContain('lines')
    expect(names(['representative'])).not.toContain('lines')
    expect(allowed('line:edit')).toEqual(['district-staff', 'ops-admin'])
  })
  it('no role: only home', () => {
    expect(names([])).toEqual(['home'])
  })
  it('actions follow the services', () => {
    expect(can('referral:route', ['community-staff'])).toBe(false)
    expect(can('referral:route', ['district-staff'])).toBe(true)
    expect(can('case:full-read', ['handling-unit'])).toBe(false)
    expect(can('case:reissue-receipt', ['representative'])).toBe(false)
    expect(can('referral:handle', ['handling-unit'])).toBe(true)
    expect(rolesForPath('/cases/abc')).toContain('community-staff')
  })
  it('reports, exports and printed documents: staff; the referral form also the unit; the notice also liaison officers', () => {
    expect(rolesForPath('/dashboards/units')).toEqual(['community-staff', 'subdistrict-staff', 'district-staff'])
    expect(can('report:export', ['handling-unit'])).toBe(false)
    expect(can('report:export', ['representative'])).toBe(false)
    expect(can('report:export', ['community-staff'])).toBe(true)
    expect(can('document:referral', ['handling-unit'])).toBe(true)
    expect(can('document:notice', ['liaison-officer'])).toBe(true)
    expect(can('document:sign-in', ['liaison-officer'])).toBe(false)
    expect(can('archive:export-all', ['representative'])).toBe(false)
  })
})

describe('token claims', () => {
  it('puts a Chinese family name first', () => {
    expect(callerFromClaims({ sub: 'x', name: '洋 刘', given_name: '洋', family_name: '刘' }).name).toBe('刘洋')
    expect(callerFromClaims({ sub: 'x', name: 'Ann Lee', given_name: 'Ann', family_name: 'Lee' }).name).toBe('Ann Lee')
  })
  it('reads roles, jurisdiction, unit and a Chinese name from a Keycloak access token', () => {
    const payload = { sub: 'u-1', preferred_username: 'unit.city', name: '市规划局', realm_access: { roles: ['default-roles-minqing', 'handling-unit'] }, jurisdiction: '310100000000', unit: '8d2e' }
    const b64 = btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(payload)))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
    const c = callerFromClaims(decodeJwtPayload(`x.${b64}.y`))
    expect(c).toMatchObject({ subject: 'u-1', name: '市规划局', roles: ['handling-unit'], jurisdiction: '310100000000', unitId: '8d2e', representativeId: null })
  })
})

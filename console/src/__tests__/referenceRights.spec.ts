import { describe, expect, it } from 'vitest'
import type { Unit } from '@/api/referral'
import { editableTiers, mayEditRule, mayEditUnit, unitsForRules, within, type Editor } from '@/utils/referenceRights'
import { ruleFormErrors, unitBody, unitForm, unitFormErrors } from '@/utils/units'

const SUB1: Editor = { roles: ['subdistrict-staff'], jurisdiction: '310104001000' }
const DISTRICT: Editor = { roles: ['district-staff'], jurisdiction: '310104000000' }
const OPS: Editor = { roles: ['ops-admin'], jurisdiction: '310104000000' }
const COMMUNITY: Editor = { roles: ['community-staff'], jurisdiction: '310104001001' }

const unit = (id: string, tier: Unit['tier'], jurisdiction: string): Unit => ({ id, name: id, tier, lines: ['housing'], jurisdiction, active: true })
const OWN = unit('own', 'SUBDISTRICT', '310104001000')
const OWN_COMMUNITY = unit('c11', 'COMMUNITY', '310104001001')
const NEIGHBOUR = unit('sub2', 'SUBDISTRICT', '310104002000')
const BUREAU = unit('bureau', 'DISTRICT', '310104000000')
const CITY = unit('city', 'CITY', '310100000000')

describe('who edits units and rules (issue 14, as referral-service decides)', () => {
  it('a sub-district edits its own units only, never a district or city unit', () => {
    expect(mayEditUnit(SUB1, OWN)).toBe(true)
    expect(mayEditUnit(SUB1, OWN_COMMUNITY)).toBe(true)
    expect(mayEditUnit(SUB1, NEIGHBOUR)).toBe(false)
    expect(mayEditUnit(SUB1, BUREAU)).toBe(false)
    expect(mayEditUnit(SUB1, unit('odd', 'DISTRICT', '310104001000'))).toBe(false)
    expect(editableTiers(SUB1)).toEqual(['COMMUNITY', 'SUBDISTRICT'])
  })
  it('the district edits its district up to district tier; ops everything; community staff nothing', () => {
    expect([OWN, NEIGHBOUR, BUREAU].every((u) => mayEditUnit(DISTRICT, u))).toBe(true)
    expect(mayEditUnit(DISTRICT, CITY)).toBe(false)
    expect([OWN, NEIGHBOUR, BUREAU, CITY].every((u) => mayEditUnit(OPS, u))).toBe(true)
    expect(mayEditUnit(COMMUNITY, OWN_COMMUNITY)).toBe(false)
    expect(editableTiers(COMMUNITY)).toEqual([])
  })
  it('a row another piece keeps is edited there, whoever asks (ADR 0024: the service answers 409)', () => {
    const copy = { ...BUREAU, keptBy: 'district', keptHere: false }
    expect(mayEditUnit(OPS, copy)).toBe(false)
    expect(mayEditUnit(DISTRICT, copy)).toBe(false)
    const own: Unit = { ...OWN, keptBy: 'sd-310104001', keptHere: true }
    expect(mayEditUnit(OPS, own)).toBe(true)
    expect(mayEditRule(OPS, { scopeCode: '310104000000', keptHere: false }, BUREAU)).toBe(false)
    expect(mayEditRule(SUB1, { scopeCode: '310104001001', keptHere: true }, OWN)).toBe(true)
  })
  it('a rule: its scope in the caller\'s area; a sub-district names its own units or district and city ones', () => {
    expect(mayEditRule(SUB1, { scopeCode: '310104001001' }, OWN)).toBe(true)
    expect(mayEditRule(SUB1, { scopeCode: '310104001000' }, BUREAU)).toBe(true)
    expect(mayEditRule(SUB1, { scopeCode: '310104001001' }, NEIGHBOUR)).toBe(false)
    expect(mayEditRule(SUB1, { scopeCode: '310104002001' }, OWN)).toBe(false)
    expect(mayEditRule(SUB1, { scopeCode: '310104000000' }, BUREAU)).toBe(false)
    expect(mayEditRule(DISTRICT, { scopeCode: '310104002001' }, CITY)).toBe(true)
    expect(mayEditRule(COMMUNITY, { scopeCode: '310104001001' }, OWN_COMMUNITY)).toBe(false)
    expect(unitsForRules(SUB1, [OWN, NEIGHBOUR, BUREAU, CITY]).map((u) => u.id)).toEqual(['own', 'bureau', 'city'])
  })
  it('within is a prefix check on 12-digit codes and fails closed', () => {
    expect(within('310104001000', '310104001002')).toBe(true)
    expect(within('310104001000', '310104002002')).toBe(false)
    expect(within(null, '310104001002')).toBe(false)
    expect(within('310104001000', '3101')).toBe(false)
  })
})

describe('unit and rule forms', () => {
  it('a new unit of a sub-district starts in its area at its tier and becomes the service body', () => {
    const f = unitForm(null, SUB1)
    expect(f.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(f).toMatchObject({ tier: 'SUBDISTRICT', jurisdiction: '310104001000', active: true })
    Object.assign(f, { name: ' 第一街道城管科 ', lines: 'environment， public-safety', contactEmail: 'cg@unit.example.gov.cn' })
    expect(unitFormErrors(f, SUB1)).toEqual({})
    expect(unitBody(f)).toEqual({ name: '第一街道城管科', tier: 'SUBDISTRICT', lines: 'environment,public-safety', jurisdiction: '310104001000',
      contactName: null, contactPhone: null, contactEmail: 'cg@unit.example.gov.cn', userSubject: null, active: true })
  })
  it('names what the service would refuse, by its field', () => {
    const f = { ...unitForm(null, SUB1), name: '单位', lines: 'housing' }
    expect(unitFormErrors({ ...f, jurisdiction: '310104002000' }, SUB1).jurisdiction).toBe('units.err.scope')
    expect(unitFormErrors({ ...f, tier: 'DISTRICT' }, SUB1).tier).toBe('units.err.scope')
    expect(unitFormErrors({ ...f, tier: 'DISTRICT' }, DISTRICT).tier).toBeUndefined()
    expect(unitFormErrors({ ...f, jurisdiction: '3101' }, OPS).jurisdiction).toBe('units.err.code')
    expect(unitFormErrors({ ...f, contactEmail: 'not-an-email' }, SUB1).contactEmail).toBe('units.err.email')
    expect(unitFormErrors({ ...f, userSubject: 'unit housing' }, SUB1).userSubject).toBe('units.err.account')
    expect(ruleFormErrors({ lineCode: 'housing', scopeCode: '310104002000', route: 'COMMUNITY', unitId: 'own' }, SUB1, OWN).scopeCode).toBe('units.err.scope')
    expect(ruleFormErrors({ lineCode: 'housing', scopeCode: '310104001001', route: 'COMMUNITY', unitId: 'sub2' }, SUB1, NEIGHBOUR).unitId).toBe('units.err.scope')
    expect(ruleFormErrors({ lineCode: 'housing', scopeCode: '310104001001', route: 'COMMUNITY', unitId: 'own' }, SUB1, OWN)).toEqual({})
  })
})

import { describe, expect, it } from 'vitest'
import zh from '@/i18n/zh-CN'
import en from '@/i18n/en'
import { initialLocale, i18n } from '@/i18n'
import { MENU } from '@/auth/permissions'
import { ROUTES, REFERRAL_STATUSES } from '@/api/referral'
import { CASE_STATUSES, CHANNELS } from '@/api/intake'
import { ROLES } from '@/auth/claims'

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
}

describe('i18n', () => {
  it('Chinese first: the default locale is zh-CN unless English was chosen', () => {
    expect(initialLocale(null)).toBe('zh-CN')
    expect(initialLocale('fr')).toBe('zh-CN')
    expect(initialLocale('en')).toBe('en')
  })
  it('English has exactly the Chinese keys', () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort())
  })
  it('every menu entry, route, status, channel and role has a label in both languages', () => {
    const t = i18n.global.t
    const wanted = [
      ...MENU.map((m) => m.titleKey),
      ...ROUTES.map((r) => `route.${r}`),
      ...ROUTES.map((r) => `routeHint.${r}`),
      ...REFERRAL_STATUSES.map((s) => `referralStatus.${s}`),
      ...CASE_STATUSES.map((s) => `caseStatus.${s}`),
      ...CHANNELS.map((c) => `channel.${c}`),
      ...ROLES.map((r) => `roles.${r}`),
    ]
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const k of wanted) expect(t(k, {}, { locale }), `${locale} ${k}`).not.toBe(k)
    }
  })
  it('interpolates', () => {
    expect(i18n.global.t('deadline.left', { n: 3 }, { locale: 'zh-CN' })).toBe('剩 3 个工作日')
    expect(i18n.global.t('deadline.left', { n: 3 }, { locale: 'en' })).toBe('3 working days left')
  })
})

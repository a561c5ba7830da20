import type { CommunityFields } from '@/api/intake'

/**
 * Communities (社区) as the form edits them: keywords typed in one line, separated by commas (either
 * width), 、 or spaces; the checks mirror intake's (ADR 0021) so most mistakes are named
 * before the request, and the service still decides.
 */
export const KEYWORD_MAX = 10
export const KEYWORD_LENGTH = 40
export const NAME_MAX = 100
export const LAT = { min: 3, max: 54 }
export const LON = { min: 73, max: 136 }

export function parseKeywords(text: string): string[] {
  return text.split(/[,，、\s]+/).map((k) => k.trim()).filter((k) => k.length > 0)
}

export interface CommunityForm {
  code: string
  name: string
  keywords: string
  minLat: number | null
  maxLat: number | null
  minLon: number | null
  maxLon: number | null
  active: boolean
}

/** Field → i18n key of the first problem found; empty when the form may be sent. */
export function communityFormErrors(f: CommunityForm, creating: boolean): Record<string, string> {
  const e: Record<string, string> = {}
  if (creating && !/^\d{9}(?!000)\d{3}$/.test(f.code)) e.code = 'communities.err.code'
  if (!f.name.trim()) e.name = 'common.required'
  else if (f.name.trim().length > NAME_MAX) e.name = 'communities.err.name'
  const kw = parseKeywords(f.keywords)
  if (kw.length === 0) e.keywords = 'common.required'
  else if (kw.length > KEYWORD_MAX || kw.some((k) => k.length > KEYWORD_LENGTH)) e.keywords = 'communities.err.keywords'
  else if (new Set(kw).size < kw.length) e.keywords = 'communities.err.repeated'
  const box: Array<[keyof CommunityForm, { min: number; max: number }]> = [['minLat', LAT], ['maxLat', LAT], ['minLon', LON], ['maxLon', LON]]
  for (const [field, range] of box) {
    const v = f[field] as number | null
    if (v === null || Number.isNaN(v)) e[field] = 'common.required'
    else if (v < range.min || v > range.max) e[field] = field.endsWith('Lat') ? 'communities.err.lat' : 'communities.err.lon'
  }
  if (!e.minLat && !e.maxLat && (f.minLat as number) >= (f.maxLat as number)) e.maxLat = 'communities.err.order'
  if (!e.minLon && !e.maxLon && (f.minLon as number) >= (f.maxLon as number)) e.maxLon = 'communities.err.order'
  return e
}

export function communityBody(f: CommunityForm, creating: boolean): CommunityFields {
  return {
    ...(creating ? { code: f.code } : {}),
    name: f.name.trim(),
    keywords: parseKeywords(f.keywords),
    minLat: f.minLat as number,
    maxLat: f.maxLat as number,
    minLon: f.minLon as number,
    maxLon: f.maxLon as number,
    active: f.active,
  }
}

/**
 * Names of the divisions (区划) the console shows. The services speak in 12-digit codes; these are
 * the demo district's names (intake-service's community_area catalogue). A code not listed is shown as is.
 */
export interface Division {
  code: string
  name: string
  parent: string | null
}

export const DIVISIONS: Division[] = [
  { code: '310104000000', name: '示范区', parent: null },
  { code: '310104001000', name: '第一街道', parent: '310104000000' },
  { code: '310104002000', name: '第二街道', parent: '310104000000' },
  { code: '310104001001', name: '泾水社区', parent: '310104001000' },
  { code: '310104001002', name: '枫林社区', parent: '310104001000' },
  { code: '310104002001', name: '桂林社区', parent: '310104002000' },
  { code: '310104002002', name: '田林社区', parent: '310104002000' },
]

export type Tier = 'DISTRICT' | 'SUBDISTRICT' | 'COMMUNITY'

export function tierOf(code: string): Tier {
  if (code.endsWith('000000')) return 'DISTRICT'
  if (code.endsWith('000')) return 'SUBDISTRICT'
  return 'COMMUNITY'
}

/** The prefix a code covers: PPCCDD for a district, PPCCDDSSS for a sub-district, the whole code for a community. */
export function prefixOf(code: string): string {
  const t = tierOf(code)
  return t === 'DISTRICT' ? code.slice(0, 6) : t === 'SUBDISTRICT' ? code.slice(0, 9) : code
}

export function divisionName(code: string | null | undefined): string {
  if (!code) return ''
  return DIVISIONS.find((d) => d.code === code)?.name ?? code
}

/** Communities within the caller's jurisdiction. */
export function communitiesWithin(jurisdiction: string | null): Division[] {
  if (!jurisdiction) return []
  const p = prefixOf(jurisdiction)
  return DIVISIONS.filter((d) => tierOf(d.code) === 'COMMUNITY' && d.code.startsWith(p))
}

export function subdistrictsWithin(jurisdiction: string | null): Division[] {
  if (!jurisdiction) return []
  if (tierOf(jurisdiction) === 'COMMUNITY') return DIVISIONS.filter((d) => d.code === jurisdiction.slice(0, 9) + '000')
  const p = prefixOf(jurisdiction)
  return DIVISIONS.filter((d) => tierOf(d.code) === 'SUBDISTRICT' && d.code.startsWith(p))
}

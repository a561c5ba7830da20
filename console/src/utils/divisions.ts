import { reactive } from 'vue'

/**
 * Names of the divisions (区划) the console shows. The services speak in 12-digit codes; these are
 * the demo district's names, completed at run time with the communities intake keeps
 * ({@link learnCommunities}, issue 14: a community added through the API reaches the desk without a
 * console release). A code not listed is shown as is.
 */
export interface Division {
  code: string
  name: string
  parent: string | null
  /** false for a community intake has deactivated: still named, no longer offered for new cases. */
  active?: boolean
}

export const DIVISIONS: Division[] = reactive<Division[]>([
  { code: '310104000000', name: '示范区', parent: null },
  { code: '310104001000', name: '第一街道', parent: '310104000000' },
  { code: '310104002000', name: '第二街道', parent: '310104000000' },
  { code: '310104001001', name: '泾水社区', parent: '310104001000' },
  { code: '310104001002', name: '枫林社区', parent: '310104001000' },
  { code: '310104002001', name: '桂林社区', parent: '310104002000' },
  { code: '310104002002', name: '田林社区', parent: '310104002000' },
])

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

/** Active communities within the caller's jurisdiction. */
export function communitiesWithin(jurisdiction: string | null): Division[] {
  if (!jurisdiction) return []
  const p = prefixOf(jurisdiction)
  return DIVISIONS.filter((d) => tierOf(d.code) === 'COMMUNITY' && d.code.startsWith(p) && d.active !== false)
}

/** Adds or updates the communities intake answered with (GET /communities), keeping the list's order by code. */
export function learnCommunities(list: ReadonlyArray<{ code: string; name: string; active: boolean }>): void {
  for (const c of list) {
    if (tierOf(c.code) !== 'COMMUNITY') continue
    const known = DIVISIONS.find((d) => d.code === c.code)
    if (known) {
      known.name = c.name
      known.active = c.active
    } else {
      const at = DIVISIONS.findIndex((d) => d.code > c.code)
      const entry = { code: c.code, name: c.name, parent: c.code.slice(0, 9) + '000', active: c.active }
      if (at < 0) DIVISIONS.push(entry)
      else DIVISIONS.splice(at, 0, entry)
    }
  }
}

export function subdistrictsWithin(jurisdiction: string | null): Division[] {
  if (!jurisdiction) return []
  if (tierOf(jurisdiction) === 'COMMUNITY') return DIVISIONS.filter((d) => d.code === jurisdiction.slice(0, 9) + '000')
  const p = prefixOf(jurisdiction)
  return DIVISIONS.filter((d) => tierOf(d.code) === 'SUBDISTRICT' && d.code.startsWith(p))
}

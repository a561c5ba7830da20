/** What the console reads from the access token (never trusted for security: the services check again). */
export type Role =
  | 'district-staff'
  | 'subdistrict-staff'
  | 'community-staff'
  | 'representative'
  | 'liaison-officer'
  | 'handling-unit'
  | 'ops-admin'

export const ROLES: readonly Role[] = [
  'district-staff',
  'subdistrict-staff',
  'community-staff',
  'representative',
  'liaison-officer',
  'handling-unit',
  'ops-admin',
]

export interface Caller {
  subject: string
  username: string
  name: string
  roles: Role[]
  jurisdiction: string | null
  unitId: string | null
  representativeId: string | null
}

export function decodeJwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1]
  if (!part) throw new Error('not a JWT')
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=')
  const bin = atob(b64)
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0))
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>
}

export function callerFromClaims(claims: Record<string, unknown>): Caller {
  const realm = claims.realm_access as { roles?: unknown } | undefined
  const raw = Array.isArray(realm?.roles) ? (realm!.roles as unknown[]) : []
  const roles = raw.filter((r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r))
  const str = (k: string) => (typeof claims[k] === 'string' ? (claims[k] as string) : null)
  // Chinese names read family name first (刘洋), where Keycloak's "name" is "given family"
  const family = str('family_name')
  const given = str('given_name')
  const cjk = /[\u3400-\u9fff]/
  const name = family && given && (cjk.test(family) || cjk.test(given)) ? family + given : str('name')
  return {
    subject: str('sub') ?? '',
    username: str('preferred_username') ?? '',
    name: name ?? str('preferred_username') ?? '',
    roles,
    jurisdiction: str('jurisdiction'),
    unitId: str('unit'),
    representativeId: str('representative_id'),
  }
}

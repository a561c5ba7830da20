/** Display masking, the same rules as the services' Masking (service-kit), for data shown before 查看完整信息. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return ''
  if (phone.includes('*')) return phone
  if (phone.length >= 11) return phone.slice(0, 3) + '****' + phone.slice(-4)
  return stars(phone, 2)
}

export function maskIdNumber(id: string | null | undefined): string {
  if (!id) return ''
  if (id.includes('*')) return id
  if (id.length >= 15) return id.slice(0, 3) + '*'.repeat(id.length - 7) + id.slice(-4)
  return stars(id, 2)
}

export function maskName(name: string | null | undefined): string {
  if (!name) return ''
  if (name.includes('*')) return name
  const chars = Array.from(name)
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1))
}

export function maskEmail(email: string | null | undefined): string {
  if (!email) return ''
  if (email.includes('*')) return email
  const at = email.indexOf('@')
  return at <= 0 ? stars(email, 0) : email[0] + '***' + email.slice(at)
}

function stars(s: string, keepLast: number): string {
  const keep = Math.min(keepLast, s.length)
  return '*'.repeat(s.length - keep) + s.slice(s.length - keep)
}

export interface VisitorLike {
  name: string | null
  phone: string | null
  idNumber: string | null
  email: string | null
}

/** A visitor as shown on screen: masked unless the full read was asked for (and logged by the service). */
export function displayVisitor<T extends VisitorLike>(v: T, full: boolean): VisitorLike {
  if (full) return { name: v.name, phone: v.phone, idNumber: v.idNumber, email: v.email }
  return { name: maskName(v.name), phone: maskPhone(v.phone), idNumber: maskIdNumber(v.idNumber), email: maskEmail(v.email) }
}

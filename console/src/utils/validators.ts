/** Checks run while the clerk types; the service checks the same rules again. */
export const MOBILE = /^1[3-9]\d{9}$/

export function isMobile(v: string): boolean {
  return MOBILE.test(v)
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

/** 18-digit resident ID number (GB 11643) with its ISO 7064 MOD 11-2 check digit. */
export function isResidentId(v: string): boolean {
  if (!/^\d{17}[0-9Xx]$/.test(v)) return false
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(v[i]) * WEIGHTS[i]
  return v[17].toUpperCase() === CHECK[sum % 11]
}

export function isEmail(v: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) && v.length <= 200
}

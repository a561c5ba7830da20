/**
 * Issue 14 (ADR 0020): rows of the supervision list and the open-work dashboard may belong to a referral
 * held by a delegated sub-district's piece (下级部署单元), named by pieceId. Such a row has no local
 * referral page nor local 督办: district staff ask the owning piece instead, others get no action.
 */
export type RowAction = 'local' | 'delegated' | 'none'

export function heldBy(row: { pieceId?: string | null }): string | null {
  const p = row.pieceId?.trim()
  return p ? p : null
}

/** canDelegate: the caller may use referral:supervise-delegated (district staff). */
export function rowAction(row: { pieceId?: string | null }, canDelegate: boolean): RowAction {
  if (!heldBy(row)) return 'local'
  return canDelegate ? 'delegated' : 'none'
}

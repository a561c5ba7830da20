/** One option of a select: the value it sets and the text it shows. */
export interface Option {
  value: string
  label: string
}

/** Divisions, lines and the like: the code is the value, the name the text. */
export function codeOptions(xs: ReadonlyArray<{ code: string; name: string }>): Option[] {
  return xs.map((x) => ({ value: x.code, label: x.name }))
}

/** Codes shown by a label, e.g. labelledOptions(CHANNELS, (c) => t(`channel.${c}`)). */
export function labelledOptions(codes: readonly string[], label: (code: string) => string): Option[] {
  return codes.map((c) => ({ value: c, label: label(c) }))
}

/** Representatives with their kind, e.g. 张建国（人大代表）. */
export function representativeOptions(reps: ReadonlyArray<{ id: string; name: string; kind: string }>, kindLabel: (kind: string) => string): Option[] {
  return reps.map((r) => ({ value: r.id, label: `${r.name}（${kindLabel(r.kind)}）` }))
}

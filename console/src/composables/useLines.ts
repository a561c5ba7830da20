import { ref } from 'vue'
import { intakeApi, type LineOption } from '@/api/intake'
import { LINE_NAMES } from '@/utils/labels'

const lines = ref<LineOption[]>(Object.entries(LINE_NAMES).map(([code, name]) => ({ code, name })))
let loaded = false

/** The line catalogue (条线), read once from intake-service. */
export function useLines() {
  if (!loaded) {
    loaded = true
    intakeApi.lines().then((l) => { if (l.length) lines.value = l }, () => { loaded = false })
  }
  return lines
}

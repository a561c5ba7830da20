import { onMounted, ref, type Ref } from 'vue'
import { referralApi, type Unit } from '@/api/referral'

/**
 * Reference data a screen shows beside its own rows (handling units, representatives): fetched when
 * the screen mounts; an empty list when the service does not answer, so the screen still works.
 */
export function useReferenceData<T>(fetch: () => Promise<T[]>): Ref<T[]> {
  const list = ref<T[]>([]) as Ref<T[]>
  onMounted(async () => {
    try {
      list.value = await fetch()
    } catch {
      list.value = []
    }
  })
  return list
}

/** The handling units (承办单位), and the Chinese part of a unit's name as a table shows it. */
export function useUnits() {
  const units = useReferenceData<Unit>(() => referralApi.units())
  const unitName = (id: string | null) => units.value.find((u) => u.id === id)?.name.split(' / ')[0] ?? '—'
  return { units, unitName }
}

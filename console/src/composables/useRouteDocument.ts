import { onMounted, ref, type Ref } from 'vue'
import { useRoute } from 'vue-router'
import { useProblem } from '@/composables/useProblem'

/**
 * A printed document's data, loaded once for the route's {@code :id}; a refusal or an error lands in
 * {@code summary} (shown by PrintDoc). {@code loaded} runs once the data is there.
 */
export function useRouteDocument<T>(load: (id: string) => Promise<T>, loaded?: (d: T) => Promise<void> | void) {
  const route = useRoute()
  const { summary, run } = useProblem()
  const data = ref<T | null>(null) as Ref<T | null>
  onMounted(async () => {
    const d = await run(() => load(String(route.params.id)))
    if (d === null) return
    data.value = d
    if (loaded) await loaded(d)
  })
  return { route, summary, data }
}

import { computed, reactive, ref, type Ref } from 'vue'
import { ElMessage } from 'element-plus'
import { useView } from '@/composables/useView'
import { useEditDialog } from '@/composables/useEditDialog'

/** One record of a code-keyed catalogue (社区目录, 条线): new ones get a code, old ones are deactivated, never deleted. */
interface Coded { code: string; active: boolean }

/** How one catalogue is read, checked and written; the screen gives its own form and service calls. */
export interface Catalogue<R extends Coded, F extends Coded, B> {
  list(): Promise<R[]>
  create(body: B): Promise<unknown>
  update(code: string, body: B): Promise<unknown>
  /** a blank form for a new record */
  empty(): F
  /** the form for changing a record */
  formOf(row: R): F
  /** the form's own check (field → message key), before the service's */
  check(form: F, creating: boolean): Record<string, string>
  /** the body the service takes; the code only on create (it is in the path on update) */
  body(form: F, creating: boolean): B
  /** message key after a save */
  saved: string
  /** after every load, e.g. to tell the rest of the console */
  loaded?(rows: R[]): void
}

/**
 * A catalogue screen's state and steps: its rows, the edit form and dialog, load, add, edit, save
 * (check, create or update, message, reload) and the deactivate / reactivate toggle, which sends
 * the record unchanged but for active; `table` wires them to a ReferenceTable. Field errors from
 * the service land next to the fields.
 */
export function useCatalogue<R extends Coded, F extends Coded, B>(c: Catalogue<R, F, B>) {
  const view = useView()
  const { t, run, busy, summary } = view
  const rows = ref([]) as Ref<R[]>
  const form = reactive(c.empty()) as F
  const edit = useEditDialog(form, view)

  async function load() {
    const r = await run(() => c.list())
    if (r) {
      rows.value = r
      c.loaded?.(r)
    }
  }

  const openAdd = () => edit.open(c.empty())
  const openEdit = (row: R) => edit.open(c.formOf(row), false)

  async function save() {
    const creating = edit.dialog.creating
    const r = await edit.save(
      () => c.check(form, creating),
      () => (creating ? c.create(c.body(form, true)) : c.update(form.code, c.body(form, false))),
    )
    if (r) {
      ElMessage({ type: 'success', message: t(c.saved) })
      await load()
    }
  }

  async function toggle(row: R) {
    const r = await run(() => c.update(row.code, c.body({ ...c.formOf(row), active: !row.active }, false)))
    if (r) await load()
  }

  /** ReferenceTable's rows, state and handlers for v-bind: the service's error shows above the rows unless the dialog has it. */
  const table = computed(() => ({
    rows: rows.value, rowKey: (row: R) => row.code, busy: busy.value, refresh: true, status: true,
    error: edit.dialog.open ? '' : summary.value,
    onAdd: openAdd, onRefresh: load, onEdit: openEdit, onToggle: toggle,
  }))

  return { ...view, rows, form, edit, table, load, save }
}

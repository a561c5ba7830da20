import { reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'

/** The part of useProblem() an edit dialog needs: the service's field errors, clearing them, running a call. */
export interface DialogProblem {
  errors: Record<string, string>
  clear(): void
  run<T>(fn: () => Promise<T>): Promise<T | null>
}

/**
 * One edit dialog of a reference screen (社区目录, 承办单位, 办理时限 …): whether it is open and for a
 * new record, the form's own errors (message keys) shown before the service's for the same field,
 * and the save that checks the form first, sends it, and closes the dialog when the service accepts it.
 * What follows a save (reload, message) stays with the screen: it differs from screen to screen.
 */
export function useEditDialog<F extends object>(form: F, problem: DialogProblem, params: () => Record<string, unknown> = () => ({})) {
  const { t } = useI18n()
  const dialog = reactive({ open: false, creating: true })
  const local = ref<Record<string, string>>({})

  /** The form's own check first, then the service's answer for the same field. */
  const shown = (field: string) => (local.value[field] ? t(local.value[field], params()) : problem.errors[field])

  function open(values: F, creating = true) {
    Object.assign(form, values)
    local.value = {}
    problem.clear()
    dialog.creating = creating
    dialog.open = true
  }

  /** Null when the form's own check or the service refuses; the dialog then stays open with the errors. */
  async function save<T>(check: () => Record<string, string>, send: () => Promise<T>): Promise<T | null> {
    local.value = check()
    if (Object.keys(local.value).length) return null
    const r = await problem.run(send)
    if (r) dialog.open = false
    return r
  }

  return { dialog, shown, open, save }
}

import { nextTick } from 'vue'
import { useI18n } from 'vue-i18n'
import { useWorkingCalendar } from '@/composables/useWorkingCalendar'
import { isWorkingDay, todayInChina } from '@/utils/deadline'
import { replyByAllowed } from '@/utils/documents'

/** The popper class every 督办 reply-by picker uses, so namePopper finds its panel. */
export const REPLY_BY_POPPER = 'reply-by-popper'

/**
 * What a 督办 reply-by (答复期限) date picker needs: the days it may not offer (not a working day, or
 * more than 60 days ahead) and a name for its panel.
 */
export function useReplyByPicker() {
  const { t } = useI18n()
  const calendar = useWorkingCalendar()
  const notAllowed = (d: Date) => {
    const p = (n: number) => String(n).padStart(2, '0')
    return !replyByAllowed(`${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`, todayInChina(), (x) => isWorkingDay(x, calendar.value))
  }
  // Element Plus' picker panel is a role=dialog without a name (axe aria-dialog-name): name it after the field
  async function namePopper(open: boolean) {
    if (!open) return
    await nextTick()
    document.querySelectorAll(`.${REPLY_BY_POPPER}`).forEach((el) => el.setAttribute('aria-label', t('supervision.replyBy')))
  }
  return { notAllowed, namePopper }
}

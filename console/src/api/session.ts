import { reactive } from 'vue'

/** Connection and session state shown in the header banner. */
export const session = reactive({ expired: false, offline: false })

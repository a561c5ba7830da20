import { request } from './http'

export interface PublicMilestone {
  kind: string
  labelZh: string
  labelEn: string
  date: string | null
  dueDate: string | null
}

export interface PublicStatus {
  status: string
  statusLabelZh: string
  statusLabelEn: string
  lineName: string | null
  receivedOn: string
  expectedDate: string | null
  milestones: PublicMilestone[]
  feedbackOpen: boolean
  reply?: string | null
}

export type Rating = 'SATISFIED' | 'BASICALLY_SATISFIED' | 'UNSATISFIED'

/** The resident's look-up by receipt code: the code travels in the body, never in a URL the servers log. */
export const publicApi = {
  status: (receiptCode: string) => request<PublicStatus>('intake', '/public/cases/status', { body: { receiptCode } }),
  feedback: (receiptCode: string, rating: Rating, comment: string) =>
    request<{ rating: Rating; givenAt: string }>('intake', '/public/cases/feedback', { body: { receiptCode, rating, comment } }),
}

/** The code from the page's fragment (#code=…), which browsers never send to a server. */
export function codeFromFragment(hash: string): string {
  const m = /(?:^#|&)code=([^&]*)/.exec(hash)
  return m ? decodeURIComponent(m[1]) : ''
}

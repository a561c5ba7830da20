import { request } from './http'

export type Channel = 'RECEPTION_DAY' | 'LIAISON_OFFICER' | 'HOTLINE' | 'ONLINE' | 'REPRESENTATIVE_VISIT' | 'OPEN311'
export const CHANNELS: Channel[] = ['RECEPTION_DAY', 'LIAISON_OFFICER', 'HOTLINE', 'ONLINE', 'REPRESENTATIVE_VISIT']
export const CASE_STATUSES = ['RECORDED', 'REFERRING', 'REFERRED', 'IN_PROGRESS', 'REPLIED', 'INFORMED', 'CLOSED'] as const

export interface VisitorInput {
  name?: string
  phone?: string
  idNumber?: string
  email?: string
}

export interface CaseRequest {
  channel: Channel
  receptionDayId?: string | null
  receivedOn?: string | null
  visitors: VisitorInput[]
  households?: number | null
  persons?: number | null
  lineCode: string
  communityCode: string
  address?: string
  description: string
  urgency?: 'NORMAL' | 'URGENT'
  receivingRepresentativeIds: string[]
}

export interface VisitorView {
  name: string | null
  phone: string | null
  idNumber: string | null
  email: string | null
  masked: boolean
}

export interface Milestone {
  kind: string
  labelZh: string
  labelEn: string
  detail: string | null
  dueDate: string | null
  occurredAt: string
}

export interface CaseDetail {
  id: string
  receiptCode?: string | null
  channel: Channel
  communityCode: string
  communityName: string | null
  lineCode: string
  lineName: string | null
  address: string | null
  description: string
  households: number
  persons: number
  groupPetition: boolean
  urgency: string
  receptionDayId: string | null
  receivedOn: string
  receivingRepresentativeIds: string[]
  visitorCount: number
  anonymous: boolean
  hasContact: boolean
  contactsMasked: boolean
  visitors: VisitorView[]
  status: string
  statusLabel: string
  expectedDate: string | null
  referralId: string | null
  repeatOf: string | null
  repeatCount: number
  recordedAt: string
  timeline: Milestone[]
}

export interface CaseSummary {
  id: string
  channel: Channel
  communityCode: string
  lineCode: string
  status: string
  urgency: string
  groupPetition: boolean
  repeat: boolean
  repeatCount: number
  expectedDate: string | null
  recordedAt: string
  descriptionExcerpt: string
}

export interface CasePage {
  items: CaseSummary[]
  nextCursor: string | null
}

export interface CaseFilter {
  from?: string
  to?: string
  line?: string
  status?: string
  community?: string
  channel?: string
  repeat?: string
  q?: string
  cursor?: string
  limit?: number
}

export interface ReceiptIssued {
  receiptCode: string
}

export interface LineOption {
  code: string
  name: string
}

/** A community (社区) as intake keeps it (issue 14: reference data edited through the API). */
export interface Community {
  code: string
  name: string
  keywords: string[]
  minLat: number
  maxLat: number
  minLon: number
  maxLon: number
  active: boolean
  updatedAt: string
}

export type CommunityFields = Omit<Community, 'updatedAt' | 'code'> & { code?: string }

/** A line (条线) as intake keeps it: reference data; a deactivated line stays on old cases, new cases cannot use it. */
export interface Line {
  code: string
  nameZh: string
  nameEn: string
  description: string
  sortOrder: number
  active: boolean
}

export const intakeApi = {
  record: (body: CaseRequest, idempotencyKey: string) =>
    request<CaseDetail>('intake', '/cases', { body, headers: { 'Idempotency-Key': idempotencyKey } }),
  search: (f: CaseFilter) => request<CasePage>('intake', '/cases', { query: { ...f } }),
  detail: (id: string, purpose?: string) => request<CaseDetail>('intake', `/cases/${encodeURIComponent(id)}`, { query: { purpose } }),
  /** Issues a NEW receipt code; the old one stops working. */
  reissueReceipt: (id: string) => request<ReceiptIssued>('intake', `/cases/${encodeURIComponent(id)}/receipt`, { method: 'POST' }),
  /** The communities in the caller's jurisdiction, active or not. */
  communities: () => request<Community[]>('intake', '/communities'),
  createCommunity: (body: CommunityFields) => request<Community>('intake', '/communities', { body }),
  updateCommunity: (code: string, body: CommunityFields) =>
    request<Community>('intake', `/communities/${encodeURIComponent(code)}`, { method: 'PUT', body }),
  /** Every line, active or not, by sortOrder then code (the case form uses lines(), the active ones). */
  lineCatalogue: () => request<Line[]>('intake', '/lines'),
  createLine: (body: Line) => request<Line>('intake', '/lines', { body }),
  updateLine: (code: string, body: Line) => request<Line>('intake', `/lines/${encodeURIComponent(code)}`, { method: 'PUT', body }),
  lines: async (): Promise<LineOption[]> => {
    const raw = await request<Array<{ service_code: string; service_name: string }>>('intake', '/open311/v2/services.json')
    return raw.map((s) => ({ code: s.service_code, name: s.service_name.split(' / ')[0] }))
  },
}

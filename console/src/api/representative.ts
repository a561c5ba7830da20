import { request } from './http'

export type RepresentativeKind = 'NPC_DEPUTY' | 'PARTY_DELEGATE' | 'CPPCC_MEMBER'
export const KINDS: RepresentativeKind[] = ['NPC_DEPUTY', 'PARTY_DELEGATE', 'CPPCC_MEMBER']

export interface Representative {
  id: string
  name: string
  kind: RepresentativeKind
  kindLabel: string
  constituencyCode: string
  active: boolean
}

export interface RosterEntry {
  representativeId: string
  name: string
  kind: RepresentativeKind
  status: string
  declineReason: string | null
  attended: boolean
  absent: boolean
}

export interface Warning {
  code: string
  message: string
  messageZh: string
  messageEn: string
}

export interface ReceptionDay {
  id: string
  communityCode: string
  date: string
  startTime: string
  endTime: string
  place: string
  status: string
  cancelReason: string | null
  roster: RosterEntry[]
  warnings: Warning[]
}

export interface ScheduleRequest {
  communityCode: string
  date: string
  startTime: string
  endTime: string
  place: string
  representativeIds: string[]
}

const day = (id: string) => `/reception-days/${encodeURIComponent(id)}`

export const representativeApi = {
  list: (kind?: RepresentativeKind) => request<Representative[]>('representative', '/representatives', { query: { kind, active: true } }),
  calendar: (tier: 'subdistricts' | 'communities', code: string, month: string) =>
    request<{ jurisdiction: string; month: string; receptionDays: ReceptionDay[] }>('representative', `/calendar/${tier}/${code}`, { query: { month } }),
  schedule: (body: ScheduleRequest) => request<ReceptionDay>('representative', '/reception-days', { body }),
  get: (id: string) => request<ReceptionDay>('representative', day(id)),
  mine: () => request<ReceptionDay[]>('representative', '/reception-days/mine'),
  roster: (id: string, representativeIds: string[]) =>
    request<ReceptionDay>('representative', `${day(id)}/roster`, { method: 'PUT', body: { representativeIds } }),
  reschedule: (id: string, body: { date: string; startTime: string; endTime: string; place: string; reason: string }) =>
    request<ReceptionDay>('representative', `${day(id)}/reschedule`, { body }),
  cancel: (id: string, reason: string) => request<ReceptionDay>('representative', `${day(id)}/cancel`, { body: { reason } }),
  attendance: (id: string, representativeIds: string[]) =>
    request<ReceptionDay>('representative', `${day(id)}/attendance`, { body: { representativeIds } }),
  confirm: (id: string) => request<ReceptionDay>('representative', `${day(id)}/confirm`, { method: 'POST' }),
  decline: (id: string, reason: string) => request<ReceptionDay>('representative', `${day(id)}/decline`, { body: { reason } }),
}

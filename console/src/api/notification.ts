import { accessToken } from '@/auth/oidc'
import { buildUrl, request } from './http'

export interface InboxItem {
  id: string
  userSubject: string
  sourceEventType: string
  title: string
  body: string
  createdAt: string
  sentAt: string | null
  readAt: string | null
}

export interface StreamEvent {
  kind: 'connected' | 'notice'
  notice: InboxItem | null
}

export const notificationApi = {
  inbox: (unread = false, limit = 100) => request<InboxItem[]>('notification', '/inbox', { query: { unread, limit } }),
  markRead: (id: string) => request<InboxItem>('notification', `/inbox/${encodeURIComponent(id)}/read`, { method: 'POST' }),
}

/** Splits an SSE byte stream into the data of each event ("data:" lines joined, blank line ends one). */
export function sseParser(onData: (data: string) => void): (chunk: string) => void {
  let buffer = ''
  return (chunk: string) => {
    buffer += chunk.replace(/\r\n/g, '\n')
    let idx: number
    while ((idx = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, idx)
      buffer = buffer.slice(idx + 2)
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).replace(/^ /, ''))
        .join('\n')
      if (data) onData(data)
    }
  }
}

/**
 * The inbox's live stream. EventSource cannot send the bearer token, so the stream is read with
 * fetch; it reconnects after a pause when the connection drops, until stopped.
 */
export function openInboxStream(onEvent: (e: StreamEvent) => void, onState: (connected: boolean) => void): () => void {
  const ctl = new AbortController()
  let stopped = false
  const run = async () => {
    while (!stopped) {
      try {
        const token = await accessToken()
        const res = await fetch(buildUrl('notification', '/inbox/stream'), {
          headers: { Accept: 'text/event-stream', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
          signal: ctl.signal,
        })
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`)
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
        const feed = sseParser((d) => {
          try {
            const ev = JSON.parse(d) as StreamEvent
            if (ev.kind === 'connected') onState(true)
            onEvent(ev)
          } catch {
            /* a malformed element is skipped */
          }
        })
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          feed(value)
        }
      } catch {
        if (stopped) return
      }
      onState(false)
      if (!stopped) await new Promise((r) => setTimeout(r, 5000))
    }
  }
  void run()
  return () => {
    stopped = true
    ctl.abort()
  }
}

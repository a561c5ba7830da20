import { defineStore } from 'pinia'
import { notificationApi, openInboxStream, type InboxItem } from '@/api/notification'

/** The inbox and its live stream, shared by the header badge and the 消息 page. */
export const useInboxStore = defineStore('inbox', {
  state: () => ({ items: [] as InboxItem[], connected: false, stop: null as null | (() => void), lastNew: null as InboxItem | null }),
  getters: {
    unread: (s) => s.items.filter((i) => !i.readAt).length,
  },
  actions: {
    async load() {
      this.items = await notificationApi.inbox(false, 100)
    },
    start() {
      if (this.stop) return
      this.stop = openInboxStream(
        (e) => {
          if (e.kind === 'notice' && e.notice && !this.items.some((i) => i.id === e.notice!.id)) {
            this.items.unshift(e.notice)
            this.lastNew = e.notice
          }
        },
        (c) => {
          this.connected = c
        },
      )
    },
    async markRead(id: string) {
      const updated = await notificationApi.markRead(id)
      const i = this.items.findIndex((x) => x.id === id)
      if (i >= 0) this.items[i] = updated
    },
  },
})

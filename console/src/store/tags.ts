import { defineStore } from 'pinia'

export interface Tag {
  path: string
  titleKey: string
  title?: string
}

/** The open pages shown as tags under the top bar (RuoYi's 标签页). */
export const useTagsStore = defineStore('tags', {
  state: () => ({ tags: [] as Tag[] }),
  actions: {
    open(tag: Tag) {
      const i = this.tags.findIndex((t) => t.path === tag.path)
      if (i >= 0) this.tags[i] = tag
      else this.tags.push(tag)
      if (this.tags.length > 12) this.tags.splice(1, 1)
    },
    close(path: string): string | null {
      const i = this.tags.findIndex((t) => t.path === path)
      if (i < 0) return null
      this.tags.splice(i, 1)
      const next = this.tags[i] ?? this.tags[i - 1]
      return next ? next.path : '/home'
    },
  },
})

/**
 * Saving a file the browser got by fetch (with the bearer token in the header, never in a URL):
 * the bytes become a blob: URL that only this tab can open, clicked once and revoked.
 */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.rel = 'noopener'
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 30_000)
}

/** The file name a Content-Disposition header gives: RFC 6266 filename* (UTF-8, percent-encoded) wins over filename. */
export function filenameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header)
  if (star) {
    try {
      return safeFilename(decodeURIComponent(star[2]!.trim().replace(/^"|"$/g, '')))
    } catch {
      /* fall through to filename= */
    }
  }
  const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header)
  if (plain) return safeFilename((plain[2] ?? plain[1]!).replace(/\\(.)/g, '$1').trim())
  return null
}

/** No directories, no control characters: the name is only a suggestion to the browser anyway. */
export function safeFilename(name: string): string | null {
  const n = name.replace(/[\\/\u0000-\u001f]/g, '_').trim()
  return n && n !== '.' && n !== '..' ? n : null
}

/** Numbers as CSV with a BOM (so Excel opens UTF-8 Chinese right); fields quoted when needed. */
export function toCsv(rows: Array<Array<string | number | null | undefined>>): string {
  const field = (v: string | number | null | undefined) => {
    if (v === null || v === undefined) return ''
    const s = String(v)
    // a leading =, +, - or @ would be run as a formula by spreadsheet programs
    const guarded = typeof v === 'string' && /^[=+\-@]/.test(s) ? `'${s}` : s
    return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded
  }
  return '\ufeff' + rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n'
}

/** 2026-11-27 as the file-name date. */
export function stamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}`
}

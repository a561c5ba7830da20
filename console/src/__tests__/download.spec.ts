import { afterEach, describe, expect, it, vi } from 'vitest'
import { filenameFromDisposition, toCsv } from '@/utils/download'
import { ApiError, requestFile } from '@/api/http'

vi.mock('@/auth/oidc', () => ({ accessToken: async () => 'tok' }))
afterEach(() => vi.unstubAllGlobals())

describe('file downloads', () => {
  it('reads the UTF-8 file name first, the plain one otherwise, and never a path', () => {
    expect(filenameFromDisposition(`attachment; filename="cases.xlsx"; filename*=UTF-8''%E6%A1%88%E4%BB%B6.xlsx`)).toBe('案件.xlsx')
    expect(filenameFromDisposition('attachment; filename="a \\"b\\".xlsx"')).toBe('a "b".xlsx')
    expect(filenameFromDisposition('attachment; filename=plain.xlsx')).toBe('plain.xlsx')
    expect(filenameFromDisposition(`attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd`)).toBe('.._.._etc_passwd')
    expect(filenameFromDisposition(null)).toBeNull()
    expect(filenameFromDisposition('attachment')).toBeNull()
  })
  it('writes CSV with a BOM, quotes what needs it and defuses formulas', () => {
    expect(toCsv([['条线', '数量'], ['规划, 建设', 3], ['=SUM(A1)', -2], ['说"明"', null]])).toBe(
      '\ufeff条线,数量\r\n"规划, 建设",3\r\n\'=SUM(A1),-2\r\n"说""明""",\r\n',
    )
  })
  it('fetches an export with the bearer token in the header, not in the URL', async () => {
    const f = vi.fn(async () => new Response(new Uint8Array([80, 75, 3, 4]), {
      status: 200, headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Content-Disposition': `attachment; filename*=UTF-8''%E6%A1%88%E4%BB%B6.xlsx` },
    }))
    vi.stubGlobal('fetch', f)
    const r = await requestFile('intake', '/cases/export', { line: 'planning', q: '' })
    const [url, init] = f.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/intake/cases/export?line=planning')
    expect(url).not.toContain('tok')
    expect(init.headers).toMatchObject({ Authorization: 'Bearer tok' })
    expect(r.filename).toBe('案件.xlsx')
    expect(new Uint8Array(await r.blob.arrayBuffer())).toEqual(new Uint8Array([80, 75, 3, 4]))
  })
  it('turns a refused export into an ApiError with the problem', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ status: 400, titleZh: '参数有误', errors: [{ field: 'from' }] }), { status: 400, headers: { 'Content-Type': 'application/problem+json' } })))
    const e = (await requestFile('intake', '/cases/export').catch((x) => x)) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect(e.problem?.errors?.[0]?.field).toBe('from')
  })
})

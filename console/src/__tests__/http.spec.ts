import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, buildUrl, request } from '@/api/http'
import { session } from '@/api/session'

vi.mock('@/auth/oidc', () => ({ accessToken: async () => 'tok' }))

function answer(status: number, body: unknown, type = 'application/problem+json') {
  return vi.fn(async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'Content-Type': type } }))
}

afterEach(() => {
  vi.unstubAllGlobals()
  session.expired = false
  session.offline = false
})

describe('requests to the services through /api/<service>', () => {
  it('builds the forwarded URL and leaves out empty filters', () => {
    expect(buildUrl('intake', '/cases', { q: '泾水', line: '', cursor: undefined, limit: 20 })).toBe('/api/intake/cases?q=%E6%B3%BE%E6%B0%B4&limit=20')
  })

  it('sends the bearer token and the JSON body', async () => {
    const f = answer(201, { id: 'c1' }, 'application/json')
    vi.stubGlobal('fetch', f)
    expect(await request('intake', '/cases', { body: { a: 1 }, headers: { 'Idempotency-Key': 'k' } })).toEqual({ id: 'c1' })
    const [url, init] = f.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/intake/cases')
    expect(init.method).toBe('POST')
    expect(init.headers).toMatchObject({ Authorization: 'Bearer tok', 'Idempotency-Key': 'k', 'Content-Type': 'application/json' })
  })

  it('turns a problem+json into an ApiError carrying the problem', async () => {
    vi.stubGlobal('fetch', answer(422, { status: 422, titleZh: '无法处理的请求', errors: [{ field: 'route', messageZh: '不符' }] }))
    const e = (await request('referral', '/referrals/x/route', { body: {} }).catch((x) => x)) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect(e.kind).toBe('problem')
    expect(e.problem?.errors?.[0].field).toBe('route')
  })

  it('says the session expired on 401 and the connection is lost when fetch fails or the gateway answers 502', async () => {
    vi.stubGlobal('fetch', answer(401, ''))
    expect(((await request('intake', '/cases').catch((x) => x)) as ApiError).kind).toBe('session')
    expect(session.expired).toBe(true)
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch') }))
    expect(((await request('intake', '/cases').catch((x) => x)) as ApiError).kind).toBe('network')
    expect(session.offline).toBe(true)
    vi.stubGlobal('fetch', answer(502, { status: 502, titleZh: '服务暂时无法连接' }))
    expect(((await request('intake', '/cases').catch((x) => x)) as ApiError).kind).toBe('network')
    vi.stubGlobal('fetch', answer(200, [], 'application/json'))
    await request('intake', '/cases')
    expect(session.offline).toBe(false)
  })
})

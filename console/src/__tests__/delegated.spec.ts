import { afterEach, describe, expect, it, vi } from 'vitest'
import { heldBy, rowAction } from '@/utils/delegated'
import { can } from '@/auth/permissions'
import { delegatedSupervisionBody, referralApi } from '@/api/referral'
import { ApiError } from '@/api/http'

vi.mock('@/auth/oidc', () => ({ accessToken: async () => 'tok' }))

afterEach(() => vi.unstubAllGlobals())

describe('rows held by a delegated piece (issue 14, ADR 0020)', () => {
  it('names the holding piece only when pieceId is set', () => {
    expect(heldBy({ pieceId: 'sd-310104001' })).toBe('sd-310104001')
    expect(heldBy({ pieceId: '' })).toBeNull()
    expect(heldBy({ pieceId: '  ' })).toBeNull()
    expect(heldBy({ pieceId: null })).toBeNull()
    expect(heldBy({})).toBeNull()
  })

  it('the district\'s own rows keep their local actions; delegated rows get the forwarding 督办 for district staff, nothing for others', () => {
    expect(rowAction({ pieceId: '' }, true)).toBe('local')
    expect(rowAction({}, false)).toBe('local')
    expect(rowAction({ pieceId: 'sd-310104001' }, true)).toBe('delegated')
    expect(rowAction({ pieceId: 'sd-310104001' }, false)).toBe('none')
  })

  it('only district staff may ask a delegated piece for a 督办单', () => {
    expect(can('referral:supervise-delegated', ['district-staff'])).toBe(true)
    expect(can('referral:supervise-delegated', ['subdistrict-staff'])).toBe(false)
    expect(can('referral:supervise-delegated', ['community-staff', 'handling-unit'])).toBe(false)
  })
})

describe('POST /delegated-referrals/{id}/supervision', () => {
  it('leaves out an empty reply-by so the piece\'s rule applies', () => {
    expect(delegatedSupervisionBody('请尽快答复', '')).toEqual({ note: '请尽快答复' })
    expect(delegatedSupervisionBody('请尽快答复', null)).toEqual({ note: '请尽快答复' })
    expect(delegatedSupervisionBody('请尽快答复', '2026-12-07')).toEqual({ note: '请尽快答复', replyBy: '2026-12-07' })
  })

  it('posts the note and reply-by to referral-service and returns the 202 answer', async () => {
    const asked = { referralId: 'r-1', caseId: 'c-1', pieceId: 'sd-310104001', note: 'n', replyBy: '2026-12-07', requestedAt: '2026-11-27T08:00:00Z' }
    const f = vi.fn(async () => new Response(JSON.stringify(asked), { status: 202, headers: { 'Content-Type': 'application/json' } }))
    vi.stubGlobal('fetch', f)
    expect(await referralApi.superviseDelegated('r-1', 'n', '2026-12-07')).toEqual(asked)
    const [url, init] = f.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/referral/delegated-referrals/r-1/supervision')
    expect(init.method).toBe('POST')
    expect(JSON.parse(init.body as string)).toEqual({ note: 'n', replyBy: '2026-12-07' })
  })

  it('a 409 problem+json becomes an ApiError with its Chinese title', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ status: 409, titleZh: '本部署单元自己的转办件' }), { status: 409, headers: { 'Content-Type': 'application/problem+json' } })))
    const e = await referralApi.superviseDelegated('r-1', 'n').catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect((e as ApiError).status).toBe(409)
  })

  it('lists the delegated referrals, watched-by-me as a query flag', async () => {
    const f = vi.fn(async () => new Response('[]', { status: 200, headers: { 'Content-Type': 'application/json' } }))
    vi.stubGlobal('fetch', f)
    await referralApi.delegated({ watchedByMe: true })
    expect((f.mock.calls[0] as unknown as [string])[0]).toBe('/api/referral/delegated-referrals?watchedByMe=true')
  })
})

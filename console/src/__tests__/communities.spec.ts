import { describe, expect, it } from 'vitest'
import { communityBody, communityFormErrors, parseKeywords, type CommunityForm } from '@/utils/communities'
import { communitiesWithin, divisionName, learnCommunities } from '@/utils/divisions'

const ok = (): CommunityForm => ({
  code: '310104002501', name: '新华社区', keywords: '新华, 新华路，新华新村', minLat: 31.16, maxLat: 31.17, minLon: 121.43, maxLon: 121.44, active: true,
})

describe('communities form (issue 14)', () => {
  it('keywords: commas of either width, 、 and spaces separate them', () => {
    expect(parseKeywords('新华, 新华路，新华新村、 新华二村  ')).toEqual(['新华', '新华路', '新华新村', '新华二村'])
  })
  it('a well-formed community has no errors and becomes the service body', () => {
    expect(communityFormErrors(ok(), true)).toEqual({})
    expect(communityBody(ok(), true)).toEqual({
      code: '310104002501', name: '新华社区', keywords: ['新华', '新华路', '新华新村'], minLat: 31.16, maxLat: 31.17, minLon: 121.43, maxLon: 121.44, active: true,
    })
    expect(communityBody(ok(), false)).not.toHaveProperty('code')
  })
  it('names each bad field as intake would', () => {
    expect(communityFormErrors({ ...ok(), code: '310104002000' }, true).code).toBe('communities.err.code')
    expect(communityFormErrors({ ...ok(), code: '3101040025' }, true).code).toBe('communities.err.code')
    expect(communityFormErrors({ ...ok(), code: '' }, false).code).toBeUndefined()
    expect(communityFormErrors({ ...ok(), name: ' ' }, true).name).toBe('common.required')
    expect(communityFormErrors({ ...ok(), keywords: '甲 甲' }, true).keywords).toBe('communities.err.repeated')
    expect(communityFormErrors({ ...ok(), keywords: Array.from({ length: 11 }, (_, i) => `词${i}`).join(',') }, true).keywords).toBe('communities.err.keywords')
    expect(communityFormErrors({ ...ok(), minLat: 91 }, true).minLat).toBe('communities.err.lat')
    expect(communityFormErrors({ ...ok(), maxLon: null }, true).maxLon).toBe('common.required')
    expect(communityFormErrors({ ...ok(), minLat: 31.17, maxLat: 31.16 }, true).maxLat).toBe('communities.err.order')
    expect(communityFormErrors({ ...ok(), minLon: 121.44 }, true).maxLon).toBe('communities.err.order')
  })
})

describe('communities learnt from intake (issue 14)', () => {
  it('a new community is offered at the desk of its sub-district; a deactivated one is named but not offered', () => {
    expect(communitiesWithin('310104002000').map((d) => d.code)).toEqual(['310104002001', '310104002002'])
    learnCommunities([
      { code: '310104002501', name: '新华社区', active: true },
      { code: '310104002002', name: '田林社区', active: false },
      { code: '310104002000', name: '不是社区', active: true },
    ])
    expect(communitiesWithin('310104002000').map((d) => d.code)).toEqual(['310104002001', '310104002501'])
    expect(communitiesWithin('310104001000').map((d) => d.code)).not.toContain('310104002501')
    expect(divisionName('310104002501')).toBe('新华社区')
    expect(divisionName('310104002002')).toBe('田林社区')
    expect(divisionName('310104002000')).toBe('第二街道')
  })
})

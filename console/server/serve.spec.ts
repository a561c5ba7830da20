// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import http from 'node:http'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore plain ESM without types: the server must run with no install
import { createServer } from './serve.mjs'

let upstream: http.Server
let console_: http.Server
let base = ''
const seen: Array<{ url: string; auth?: string; host?: string }> = []
let releaseSecond: () => void = () => undefined

beforeAll(async () => {
  // a stand-in for the services: echoes the path it got, and an SSE stream sent in two parts
  upstream = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', auth: req.headers.authorization, host: req.headers.host })
    if (req.url === '/inbox/stream') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' })
      res.write('data: {"kind":"connected"}\n\n')
      releaseSecond = () => res.end('data: {"kind":"notice"}\n\n')
      return
    }
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      res.writeHead(201, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ path: req.url, method: req.method, body }))
    })
  })
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r))
  const up = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'console-dist-'))
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>console</title>')
  fs.mkdirSync(path.join(dist, 'assets'))
  fs.writeFileSync(path.join(dist, 'assets', 'a.js'), 'console.log(1)')
  console_ = createServer({
    host: '127.0.0.1', port: 0, dist,
    config: { keycloakUrl: 'http://kc.example:8180', realm: 'minqing', clientId: 'console' },
    upstreams: { intake: up, representative: up, referral: up, notification: up },
  })
  await new Promise<void>((r) => console_.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(console_.address() as AddressInfo).port}`
})

afterAll(() => {
  console_?.close()
  upstream?.close()
})

describe('console server', () => {
  it('forwards /api/<service>/… with the prefix stripped, query, body and token kept', async () => {
    const res = await fetch(`${base}/api/intake/cases?q=%E6%B3%BE%E6%B0%B4`, {
      method: 'POST', headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' }, body: '{"a":1}',
    })
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({ path: '/cases?q=%E6%B3%BE%E6%B0%B4', method: 'POST', body: '{"a":1}' })
    expect(seen.at(-1)?.auth).toBe('Bearer t')
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('streams SSE through without waiting for the end', async () => {
    const res = await fetch(`${base}/api/notification/inbox/stream`)
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
    const first = await reader.read()
    expect(first.value).toContain('connected')
    releaseSecond()
    let rest = ''
    for (;;) {
      const { value, done } = await reader.read()
      if (done) break
      rest += value
    }
    expect(rest).toContain('notice')
  })

  it('answers config.json from its settings, SPA routes with index.html, unknown files and APIs with 404', async () => {
    expect(await (await fetch(`${base}/config.json`)).json()).toEqual({ keycloakUrl: 'http://kc.example:8180', realm: 'minqing', clientId: 'console' })
    const spa = await fetch(`${base}/cases/123`)
    expect(spa.status).toBe(200)
    expect(await spa.text()).toContain('<title>console</title>')
    expect((await fetch(`${base}/assets/a.js`)).headers.get('content-type')).toContain('javascript')
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404)
    expect((await fetch(`${base}/api/other/x`)).status).toBe(404)
    // a path escaping dist/ never reads outside it: it gets the SPA page
    expect(await (await fetch(`${base}/..%2f..%2fetc%2fpasswd`)).text()).not.toContain('root:')
  })

  it('says 502 in problem+json when a service is down', async () => {
    const down = createServer({
      host: '127.0.0.1', port: 0, dist: os.tmpdir(), config: {},
      upstreams: { intake: 'http://127.0.0.1:1', representative: '', referral: '', notification: '' },
    })
    await new Promise<void>((r) => down.listen(0, '127.0.0.1', r))
    const res = await fetch(`http://127.0.0.1:${(down.address() as AddressInfo).port}/api/intake/cases`)
    expect(res.status).toBe(502)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    down.close()
  })
})

// The console's own small server (Node built-ins only, no install): serves dist/, answers
// /config.json from the environment, forwards /api/<service>/… to the services with the prefix
// stripped (streaming both ways, so SSE passes through unbuffered) and falls back to index.html
// for the SPA's routes. Same origin for everything: no CORS headers are ever added.
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const env = (name, fallback) => process.env[`MINQING_${name}`] ?? process.env[name] ?? fallback
const here = path.dirname(fileURLToPath(import.meta.url))

export function settings() {
  return {
    host: env('CONSOLE_HOST', process.env.HOST ?? '127.0.0.1'),
    port: Number(env('CONSOLE_PORT', process.env.PORT ?? '8080')),
    dist: path.resolve(env('CONSOLE_DIST', path.join(here, '..', 'dist'))),
    config: {
      keycloakUrl: env('KEYCLOAK_URL', 'http://127.0.0.1:8180').replace(/\/+$/, ''),
      realm: env('KEYCLOAK_REALM', 'minqing'),
      clientId: env('KEYCLOAK_CLIENT_ID', 'console'),
    },
    upstreams: {
      intake: env('INTAKE_URL', 'http://127.0.0.1:8081'),
      representative: env('REPRESENTATIVE_URL', 'http://127.0.0.1:8082'),
      referral: env('REFERRAL_URL', 'http://127.0.0.1:8083'),
      notification: env('NOTIFICATION_URL', 'http://127.0.0.1:8084'),
    },
  }
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf',
  '.map': 'application/json',
}

// Hop-by-hop headers are not forwarded (RFC 9110 §7.6.1).
const HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer',
  'transfer-encoding', 'upgrade', 'host'])

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'SAMEORIGIN',
}

function problem(res, status, zh, en) {
  res.writeHead(status, { 'Content-Type': 'application/problem+json', ...SECURITY_HEADERS })
  res.end(JSON.stringify({ type: 'about:blank', status, title: `${zh} / ${en}`, titleZh: zh, titleEn: en }))
}

function forward(req, res, base, rest) {
  const target = new URL(rest, base)
  const headers = {}
  for (const [k, v] of Object.entries(req.headers)) if (!HOP.has(k)) headers[k] = v
  headers['x-forwarded-proto'] = 'http'
  headers['x-forwarded-host'] = req.headers.host ?? ''
  const up = http.request(
    { hostname: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers },
    (upRes) => {
      const out = {}
      for (const [k, v] of Object.entries(upRes.headers)) if (!HOP.has(k)) out[k] = v
      if (String(upRes.headers['content-type'] ?? '').startsWith('text/event-stream')) {
        out['cache-control'] = 'no-cache'
        out['x-accel-buffering'] = 'no'
        res.socket?.setNoDelay(true)
      }
      res.writeHead(upRes.statusCode ?? 502, out)
      res.flushHeaders()
      upRes.pipe(res)
    },
  )
  up.on('error', () => {
    if (!res.headersSent) problem(res, 502, '服务暂时无法连接', 'the service cannot be reached')
    else res.destroy()
  })
  // a closed browser tab ends the upstream request too (long-lived SSE streams)
  res.on('close', () => up.destroy())
  req.pipe(up)
}

function serveFile(res, file, cache) {
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream'
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': cache, ...SECURITY_HEADERS })
  fs.createReadStream(file).pipe(res)
}

export function createServer(s = settings()) {
  const configBody = JSON.stringify(s.config)
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local')
    const m = /^\/api\/(intake|representative|referral|notification)(\/.*)?$/.exec(url.pathname)
    if (m) return forward(req, res, s.upstreams[m[1]], (m[2] ?? '/') + url.search)
    if (url.pathname.startsWith('/api/')) return problem(res, 404, '未找到', 'not found')
    if (req.method !== 'GET' && req.method !== 'HEAD') return problem(res, 405, '不支持的方法', 'method not allowed')
    if (url.pathname === '/config.json') {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS })
      return res.end(configBody)
    }
    let rel
    try {
      rel = decodeURIComponent(url.pathname)
    } catch {
      return problem(res, 400, '地址无效', 'bad path')
    }
    const file = path.normalize(path.join(s.dist, rel))
    if (file.startsWith(s.dist + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      const immutable = rel.startsWith('/assets/')
      return serveFile(res, file, immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    }
    if (path.extname(rel)) return problem(res, 404, '未找到', 'not found')
    const index = path.join(s.dist, 'index.html')
    if (!fs.existsSync(index)) return problem(res, 503, '控制台尚未构建', 'the console is not built (npm run build)')
    return serveFile(res, index, 'no-cache')
  })
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const s = settings()
  const server = createServer(s)
  server.listen(s.port, s.host, () => {
    console.log(`minqing console on http://${s.host}:${s.port} (dist ${s.dist}; keycloak ${s.config.keycloakUrl})`)
    for (const [k, v] of Object.entries(s.upstreams)) console.log(`  /api/${k}/ -> ${v}`)
  })
  const stop = () => server.close(() => process.exit(0))
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

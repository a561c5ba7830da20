// Bundle budget: the JavaScript the initial route loads (the entry chunk and every chunk it imports
// statically, as listed in dist/index.html's module script and modulepreload links) must stay at or
// under 350 KB gzipped. Exits 1 when over, so the Maven build fails.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

const BUDGET = Number(process.env.BUNDLE_BUDGET_KB ?? 350) * 1024
const dist = path.resolve(process.argv[2] ?? 'dist')
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8')
const files = new Set()
for (const m of html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)) files.add(m[1])
if (files.size === 0) {
  console.error('bundle budget: no script found in dist/index.html')
  process.exit(1)
}
let total = 0
for (const f of files) {
  const size = zlib.gzipSync(fs.readFileSync(path.join(dist, f.replace(/^\//, '')))).length
  total += size
  console.log(`  ${(size / 1024).toFixed(1).padStart(7)} KB gz  ${f}`)
}
const verdict = total <= BUDGET ? 'OK' : 'OVER BUDGET'
console.log(`bundle budget: initial route ${(total / 1024).toFixed(1)} KB gzipped of ${BUDGET / 1024} KB: ${verdict}`)
process.exit(total <= BUDGET ? 0 : 1)

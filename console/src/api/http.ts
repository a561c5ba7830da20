import { accessToken } from '@/auth/oidc'
import { isProblem, type Problem } from './problem'
import { session } from './session'
import { filenameFromDisposition } from '@/utils/download'

export type Service = 'intake' | 'representative' | 'referral' | 'notification'

/**
 * Why a request failed: the service said no (problem), the session ended (session), the network
 * or the service is unreachable (network). Forms keep what was typed in every case.
 */
export class ApiError extends Error {
  constructor(
    readonly kind: 'problem' | 'session' | 'network',
    readonly status: number,
    readonly problem: Problem | null,
    message: string,
  ) {
    super(message)
  }
}

export interface RequestOptions {
  method?: string
  body?: unknown
  query?: Record<string, string | number | boolean | null | undefined>
  headers?: Record<string, string>
  signal?: AbortSignal
  /** raw: return the Response (SSE, HTML). */
  raw?: boolean
}

export function buildUrl(service: Service, path: string, query?: RequestOptions['query']): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v))
  }
  const qs = q.toString()
  return `/api/${service}${path}${qs ? `?${qs}` : ''}`
}

export async function request<T>(service: Service, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...(opts.headers ?? {}) }
  const token = await accessToken()
  if (token) headers.Authorization = `Bearer ${token}`
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json'
  let res: Response
  try {
    res = await fetch(buildUrl(service, path, opts.query), {
      method: opts.method ?? (opts.body !== undefined ? 'POST' : 'GET'),
      headers,
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal: opts.signal,
    })
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e
    session.offline = true
    throw new ApiError('network', 0, null, '无法连接服务 / cannot reach the service')
  }
  session.offline = false
  if (res.status === 401) {
    session.expired = true
    throw new ApiError('session', 401, null, '登录已过期 / session expired')
  }
  if (res.status === 502 || res.status === 503 || res.status === 504) {
    session.offline = true
    throw new ApiError('network', res.status, null, '服务暂时不可用 / service unavailable')
  }
  if (opts.raw) return res as unknown as T
  const text = await res.text()
  let body: unknown = null
  if (text) {
    try {
      body = JSON.parse(text)
    } catch {
      body = text
    }
  }
  if (!res.ok) {
    const p = isProblem(body) ? (body as Problem) : { status: res.status, title: `HTTP ${res.status}` }
    throw new ApiError('problem', res.status, p, p.title ?? `HTTP ${res.status}`)
  }
  return body as T
}

/**
 * Downloads a file the service streams (an XLSX export): fetched with the bearer token in the
 * header, saved from a blob: URL. Errors as {@link request}; a problem+json answer becomes an ApiError.
 */
export async function requestFile(
  service: Service,
  path: string,
  query?: RequestOptions['query'],
  accept = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
): Promise<{ blob: Blob; filename: string | null }> {
  const res = await request<Response>(service, path, { query, raw: true, headers: { Accept: `${accept}, application/problem+json` } })
  if (!res.ok) {
    const text = await res.text()
    let body: unknown = null
    try {
      body = text ? JSON.parse(text) : null
    } catch {
      body = null
    }
    const p = isProblem(body) ? (body as Problem) : { status: res.status, title: `HTTP ${res.status}` }
    throw new ApiError('problem', res.status, p, p.title ?? `HTTP ${res.status}`)
  }
  return { blob: await res.blob(), filename: filenameFromDisposition(res.headers.get('Content-Disposition')) }
}

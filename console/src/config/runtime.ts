/** Runtime settings read from /config.json beside the app, so one build serves every environment. */
export interface RuntimeConfig {
  keycloakUrl: string
  realm: string
  clientId: string
}

let current: RuntimeConfig | null = null

export async function loadConfig(fetcher: typeof fetch = fetch): Promise<RuntimeConfig> {
  const res = await fetcher('/config.json', { cache: 'no-store' })
  if (!res.ok) throw new Error(`config.json: HTTP ${res.status}`)
  const raw = (await res.json()) as Partial<RuntimeConfig>
  current = parseConfig(raw)
  return current
}

export function parseConfig(raw: Partial<RuntimeConfig>): RuntimeConfig {
  if (!raw.keycloakUrl || !/^https?:\/\//.test(raw.keycloakUrl)) {
    throw new Error('config.json: keycloakUrl must be an http(s) URL')
  }
  return {
    keycloakUrl: raw.keycloakUrl.replace(/\/+$/, ''),
    realm: raw.realm || 'minqing',
    clientId: raw.clientId || 'console',
  }
}

export function config(): RuntimeConfig {
  if (!current) throw new Error('config not loaded')
  return current
}

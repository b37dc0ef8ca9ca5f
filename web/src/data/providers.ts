/**
 * Model providers as the server sees them, for the model pickers: the configured providers, each
 * provider's own model list (its GET /v1/models, which the server fetches so keys never reach the
 * browser) and a connection test. These ask the server live, so they work only online; the
 * pickers still offer the priced models from the local database when offline.
 */
export interface ProviderInfo {
  name: string;
  baseURL: string;
  simulated: boolean;
  hasKey: boolean;
}

export interface ProviderModel {
  id: string;
  owned_by: string | null;
}

export interface ConnectionTest {
  provider: ProviderInfo;
  reachable: boolean;
  models: number | null;
  model: string | null;
  tools: boolean | null;
  latencyMs: number;
  message: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

async function ask<T>(path: string, init: RequestInit = {}, origin = location.origin): Promise<Outcome<T>> {
  let res: Response;
  try {
    res = await fetch(`${origin}${path}`, { credentials: 'same-origin', ...init });
  } catch {
    return { ok: false, error: 'The server cannot be reached: try again online.' };
  }
  const body = (await res.json().catch(() => null)) as (T & { message?: string }) | null;
  if (!res.ok || body === null) return { ok: false, error: body?.message ?? `The server refused (HTTP ${res.status}).` };
  return { ok: true, value: body };
}

export const fetchProviders = (origin?: string) => ask<ProviderInfo[]>('/api/providers', {}, origin);

export async function fetchProviderModels(provider: string, origin?: string): Promise<Outcome<ProviderModel[]>> {
  const r = await ask<{ models: ProviderModel[] }>(`/api/providers/${encodeURIComponent(provider)}/models`, {}, origin);
  return r.ok ? { ok: true, value: r.value.models } : r;
}

export const testProviderConnection = (provider: string, model: string | null, origin?: string) =>
  ask<ConnectionTest>(`/api/providers/${encodeURIComponent(provider)}/test`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(model ? { model } : {}),
  }, origin);

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { testApp } from './support/app.ts';
import { startFakeLlm, type FakeLlm } from './support/fake-servers.ts';
import { createTestDatabase, freePort, type TestDatabase } from './support/postgres.ts';

// Providers as the dashboard's model pickers and connection test see them, against local servers
// speaking the OpenAI API (a model with tools, one without, one that refuses the key) and a port
// where nothing listens.
const KEY = 'sk-test-secret-provider-key-0123456789';
let db: TestDatabase;
let withTools: FakeLlm;
let noTools: FakeLlm;
let textOnly: FakeLlm;
let refusing: FakeLlm;
let app: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  db = await createTestDatabase();
  withTools = startFakeLlm({ kind: 'tool', name: 'ping', arguments: '{"ok":true}' });
  noTools = startFakeLlm({ kind: 'no-tools', content: 'pong' });
  textOnly = startFakeLlm({ kind: 'text', content: 'pong' });
  refusing = startFakeLlm({ kind: 'status', status: 401, body: JSON.stringify({ error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } }) });
  const closed = `http://127.0.0.1:${await freePort()}/v1`;
  app = await testApp(db, {
    CHORUS_PROVIDERS: `tools=${withTools.baseURL},notools=${noTools.baseURL},text=${textOnly.baseURL},refusing=${refusing.baseURL},down=${closed}`,
    CHORUS_PROVIDER_TOOLS_API_KEY: KEY,
  });
});
afterAll(async () => {
  for (const f of [withTools, noTools, textOnly, refusing]) f?.stop();
  await db?.drop();
});

describe('model providers', () => {
  test('lists the configured providers without their keys', async () => {
    const res = await app.request('GET', '/api/providers');
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toContain(KEY);
    const list = JSON.parse(text) as { name: string; simulated: boolean; hasKey: boolean }[];
    expect(list.map((p) => p.name).sort()).toEqual(['down', 'notools', 'refusing', 'sim', 'text', 'tools']);
    expect(list.find((p) => p.name === 'tools')).toMatchObject({ simulated: false, hasKey: true });
  });

  test("a provider's models come from its own GET /v1/models, fetched with its key", async () => {
    const r = await app.json('GET', '/api/providers/tools/models');
    expect(r).toEqual({ status: 200, body: { provider: 'tools', models: [{ id: 'fake-mini', owned_by: 'fake' }, { id: 'fake-model', owned_by: 'fake' }] } });
    const sim = await app.json('GET', '/api/providers/sim/models');
    expect(sim.body.models.map((m: { id: string }) => m.id)).toEqual(['chorus-sim-1', 'chorus-sim-mini']);
    expect(sim.body.models[0].owned_by).toContain('simulated');
  });

  test('a provider that does not answer or refuses the key is a clear 502, and an unknown one a 404', async () => {
    const down = await app.json('GET', '/api/providers/down/models');
    expect(down.status).toBe(502);
    expect(down.body).toMatchObject({ error: 'provider_unavailable' });
    expect(down.body.message).toContain('could not connect');
    const refused = await app.json('GET', '/api/providers/refusing/models');
    expect(refused.status).toBe(502);
    expect(refused.body.message).toContain('API key was refused');
    const unknown = await app.json('GET', '/api/providers/nope/models');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('configured: sim');
    expect((await app.json('POST', '/api/providers/BAD!/test', {})).status).toBe(422);
  });

  test('the connection test says whether the provider answers and whether the model calls tools', async () => {
    const ok = await app.json('POST', '/api/providers/tools/test', { model: 'fake-model' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ reachable: true, models: 2, model: 'fake-model', tools: true });
    expect(JSON.stringify(ok.body)).not.toContain(KEY);
    const sent = withTools.requests.at(-1)!;
    expect(sent).toMatchObject({ model: 'fake-model', tool_choice: 'required', authorization: `Bearer ${KEY}` });

    const refusesTools = await app.json('POST', '/api/providers/notools/test', {});
    expect(refusesTools.body).toMatchObject({ reachable: true, model: 'fake-mini', tools: false });
    expect(refusesTools.body.message).toContain('refused a request with tools');

    const ignoresTools = await app.json('POST', '/api/providers/text/test', { model: 'fake-model' });
    expect(ignoresTools.body).toMatchObject({ reachable: true, tools: false });
    expect(ignoresTools.body.message).toContain('without calling the tool');

    const down = await app.json('POST', '/api/providers/down/test', {});
    expect(down.body).toMatchObject({ reachable: false, tools: null });
    expect(down.body.message).toContain('does not answer');

    const sim = await app.json('POST', '/api/providers/sim/test', { model: 'chorus-sim-1' });
    expect(sim.body).toMatchObject({ reachable: true, model: 'chorus-sim-1', tools: true, provider: { simulated: true } });
  });

  test('the connection test needs the admin token', async () => {
    const res = await app.request('POST', '/api/providers/tools/test', {}, { authorization: 'Bearer wrong-token-0123456789' });
    expect(res.status).toBe(401);
  });
});

import { afterAll, beforeAll } from 'bun:test';
import { CLUSTER_URL_ENV, startTestCluster, type TestCluster } from './postgres.ts';

// Servers the tests start serve fixture folders or the build the web stage makes; none of them
// builds the dashboard itself (server/test/dashboard-build.test.ts turns this back on).
process.env.CHORUS_BUILD_DASHBOARD ??= 'off';

// One embedded Postgres for the whole `bun test` run; each test file makes its own database.
let cluster: TestCluster | undefined;

beforeAll(async () => {
  cluster = await startTestCluster();
  process.env[CLUSTER_URL_ENV] = cluster.url;
});

afterAll(async () => {
  await cluster?.remove();
});

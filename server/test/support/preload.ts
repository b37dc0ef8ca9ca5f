import { afterAll, beforeAll } from 'bun:test';
import { CLUSTER_URL_ENV, startTestCluster, type TestCluster } from './postgres.ts';

// One embedded Postgres for the whole `bun test` run; each test file makes its own database.
let cluster: TestCluster | undefined;

beforeAll(async () => {
  cluster = await startTestCluster();
  process.env[CLUSTER_URL_ENV] = cluster.url;
});

afterAll(async () => {
  await cluster?.remove();
});

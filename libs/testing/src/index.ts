export {
  createTestEnvironment,
  TEST_BOOTSTRAP_TOKEN,
  TEST_ENCRYPTION_KEYS,
  type TestEnvironment,
} from './test-env';
export { cloneTestDatabase, databaseUrl, TEST_REDIS_URL, type TestDatabase } from './test-database';
export { LogCapture } from './log-capture';
export { request, type TestResponse } from './http-client';
export { freePort, REPO_ROOT, runNode, waitForHttp, type RunningProcess } from './processes';
export { describeCrmClientContract, type CrmContractFixture } from './crm-client-contract';
export { type ExportedSpan, spansOf, startOtlpCollector } from './otlp-collector';

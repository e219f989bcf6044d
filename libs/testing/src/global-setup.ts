import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { createTemplateDatabase, dropRunDatabases, dropStaleTestDatabases } from './test-database';

declare module 'vitest' {
  export interface ProvidedContext {
    testRunId: string;
  }
}

/** Once per test run: a freshly migrated template database that every test file clones. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  await dropStaleTestDatabases();
  await createTemplateDatabase(runId);
  project.provide('testRunId', runId);
  return () => dropRunDatabases(runId);
}

import path from "node:path";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

const shared = {
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; under Vitest it is a no-op.
      "server-only": path.resolve(import.meta.dirname, "tests/setup/empty-module.ts"),
    },
  },
  test: {
    include: ["tests/**/*.test.{ts,tsx}"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    setupFiles: ["tests/setup/database.ts"],
    pool: "forks" as const,
    // One database per worker, truncated between files, is faster than one per file.
    isolate: false,
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 30_000,
    // Opening a worker's database migrates it: minutes on a machine shared with other work.
    hookTimeout: 240_000,
    // Business rules run on the demo's "today", so tests written against the demo dates never expire.
    env: { APP_ENV: "test", AUTH_SECRET: "test-secret-test-secret-test-secret-0123", DATA_DIR: ".test-data", RECRE_NOW: "2026-11-25T09:00:00+01:00" },
  },
};

const engines: TestProjectInlineConfiguration[] = [
  { ...shared, test: { ...shared.test, name: "pglite", env: { ...shared.test.env, TEST_ENGINE: "pglite" } } },
];
if (process.env.TEST_DATABASE_URL) {
  engines.push({
    ...shared,
    test: {
      ...shared.test,
      name: "postgres",
      globalSetup: ["tests/setup/postgres-template.ts"],
      env: { ...shared.test.env, TEST_ENGINE: "postgres" },
    },
  });
}

export default defineConfig({ test: { projects: engines } });

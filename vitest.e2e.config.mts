import { defineConfig } from "vitest/config";

/** Browser journeys against a served build: `npm run test:e2e`. */
export default defineConfig({
  test: {
    name: "e2e",
    include: ["tests/e2e/**/*.e2e.ts"],
    globalSetup: ["tests/e2e/global-setup.ts"],
    // One server, one PGlite: journeys run one file at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    // A browser journey that fails once in CI gets a second try (reported as flaky by the
    // reporter); a real regression fails both. Locally a failure shows at once.
    retry: process.env.CI ? 1 : 0,
    hookTimeout: 120_000,
  },
});

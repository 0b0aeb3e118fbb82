import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The journeys share one server and one database, so what one books the next may see: they run
 * in a fixed order (by file name), the same on every machine, not in the order a cache of earlier
 * timings would pick. Each journey still asserts only what holds whatever ran before it.
 */
class ByFileName extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    return [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId));
  }
}

/** Browser journeys against a served build: `npm run test:e2e`. */
export default defineConfig({
  test: {
    name: "e2e",
    include: ["tests/e2e/**/*.e2e.ts"],
    globalSetup: ["tests/e2e/global-setup.ts"],
    // One server, one PGlite: journeys run one file at a time.
    fileParallelism: false,
    sequence: { sequencer: ByFileName },
    testTimeout: 60_000,
    // A browser journey that fails once in CI gets a second try (reported as flaky by the
    // reporter); a real regression fails both. Locally a failure shows at once.
    retry: process.env.CI ? 1 : 0,
    hookTimeout: 120_000,
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: ".",
    projects: [
      {
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          // The process runs in UTC so that Vietnam-date tests prove the time zone is explicit.
          env: { TZ: "UTC" },
        },
      },
      {
        test: {
          name: "api",
          include: ["tests/api/**/*.test.ts"],
          environment: "node",
          // Migrates and seeds template databases once; each test copies one (tests/support/api.ts).
          globalSetup: ["tests/support/global-setup.ts"],
          // The property tests and the statistics cross-checks run hundreds of queries; on a
          // loaded two-core machine they can pass 5 s. Time is measured by `npm run bench`.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

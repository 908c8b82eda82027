// Unit tests of the web front ends' client logic (test/*.test.ts): plain TypeScript in Node, no browser.
// The Playwright tests in tests/Engagement.FunctionalTests/Web drive the real pages.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
  },
});

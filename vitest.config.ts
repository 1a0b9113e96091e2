import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/unit/**/*.test.{ts,tsx}"],
    environment: "node",
    // Component tests opt into a DOM with `// @vitest-environment happy-dom` at the top of the file.
    testTimeout: 60_000,
    pool: "threads",
  },
});

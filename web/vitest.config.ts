// Unit tests of the client's components and utilities (Vitest, jsdom). The application's own build
// configuration is vite.config.ts; this file only adds what the unit tests need.
import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { "@": new URL("./src", import.meta.url).pathname },
  },
  test: {
    environment: "jsdom",
    include: ["tests/unit/**/*.test.ts"],
    setupFiles: ["tests/unit/setup.ts"],
    css: false,
    // The machine running the suite may be shared and slow; a whole form takes seconds to fill in there.
    testTimeout: 30000,
    server: { deps: { inline: ["element-plus"] } },
  },
});

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
    server: { deps: { inline: ["element-plus"] } },
  },
});

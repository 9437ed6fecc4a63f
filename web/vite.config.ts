// The web client's build: Vue single-file components, Element Plus imported per component (only what a page uses
// is bundled), every page a chunk of its own (loaded when its route is first visited). `npm run build` writes the
// client to dist/ and then the API reference to dist/api-docs/ (so the app's build empties dist/ first).
import { defineConfig } from "vite";
import vue from "@vitejs/plugin-vue";
import Components from "unplugin-vue-components/vite";
import { ElementPlusResolver } from "unplugin-vue-components/resolvers";

export default defineConfig({
  plugins: [
    vue(),
    Components({
      resolvers: [ElementPlusResolver({ importStyle: "css" })],
      dts: false,
    }),
  ],
  resolve: {
    alias: { "@": new URL("./src", import.meta.url).pathname },
  },
  build: {
    outDir: "dist",
    // dist/.vite/manifest.json: which chunks each page needs (./bench/run sums them per route)
    manifest: true,
    emptyOutDir: true,
    // no inline scripts or module preload polyfill: the Content-Security-Policy allows scripts only from 'self'
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1024,
  },
  server: { port: 5173 },
});

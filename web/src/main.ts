// Starts the client: config.json first (the API and the issuer come from it) and the remembered language's
// messages, then the app; the first page's code loads meanwhile.
import { createApp } from "vue";
import { createPinia } from "pinia";
import "element-plus/theme-chalk/base.css";
import "./styles.css";
import App from "./App.vue";
import { loadConfig } from "./config";
import { i18n, setLocale, storedLocale } from "./i18n";
import { router } from "./router";

/**
 * Starts loading the code of the page the address names (its routes' lazy components) at once, so that it arrives
 * while the configuration is read and the session checked instead of after them; the router uses the same modules.
 */
function preloadFirstPage(): void {
  for (const record of router.resolve(window.location.pathname + window.location.search).matched) {
    const component = record.components?.default as unknown;
    // a lazy component is a plain loader function (a component has a name, props or compiled options)
    if (typeof component === "function" && !("displayName" in component) && !("props" in component)
        && !("__vccOpts" in component)) {
      (component as () => Promise<unknown>)().catch(() => undefined);
    }
  }
}

async function start(): Promise<void> {
  const app = createApp(App);
  preloadFirstPage();
  try {
    // the remembered language's messages (English: a chunk of its own) while the configuration is read; without
    // them the app shows Chinese
    await Promise.all([loadConfig(), setLocale(storedLocale()).catch(() => undefined)]);
  } catch (e) {
    const root = document.getElementById("app");
    if (root) {
      root.setAttribute("role", "alert");
      root.textContent = `无法读取系统配置（config.json）：${e instanceof Error ? e.message : String(e)}`;
    }
    return;
  }
  app.use(createPinia()).use(i18n).use(router);
  app.mount("#app");
}

void start();

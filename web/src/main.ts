// Starts the client: config.json first (the API and the issuer come from it), then the app.
import { createApp } from "vue";
import { createPinia } from "pinia";
import "element-plus/theme-chalk/base.css";
import "./styles.css";
import App from "./App.vue";
import { loadConfig } from "./config";
import { i18n } from "./i18n";
import { router } from "./router";

async function start(): Promise<void> {
  const app = createApp(App);
  try {
    await loadConfig();
  } catch (e) {
    const root = document.getElementById("app");
    if (root) {
      root.setAttribute("role", "alert");
      root.textContent = `无法读取系统配置（config.json）：${e instanceof Error ? e.message : String(e)}`;
    }
    return;
  }
  app.use(createPinia()).use(i18n).use(router);
  document.documentElement.lang = i18n.global.locale.value;
  app.mount("#app");
}

void start();

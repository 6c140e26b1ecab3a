import 'element-plus/dist/index.css';
import './styles/app.css';
import { createApp } from 'vue';
import App from './App.vue';
import { setUnauthenticatedHandler } from './api/http-client.js';
import { useSession } from './composables/use-session.js';
import { i18n } from './i18n/index.js';
import { router } from './router.js';

const app = createApp(App);
app.use(i18n);
app.use(router);

setUnauthenticatedHandler(() => {
  useSession().forget();
  const current = router.currentRoute.value;
  if (current.meta.public !== true) void router.push({ name: 'login', query: { redirect: current.fullPath } });
});

document.documentElement.lang = i18n.global.locale.value;
app.mount('#app');

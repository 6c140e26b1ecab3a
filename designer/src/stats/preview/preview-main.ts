import 'element-plus/dist/index.css';
import '../../styles/app.css';
import { createApp, h } from 'vue';
import { createRouter, createWebHistory, RouterView } from 'vue-router';
import { requestContext } from '../../api/http-client.js';
import { i18n } from '../../i18n/index.js';
import { boardRoutes } from '../../board/board-routes.js';
import { statsRoutes } from '../stats-routes.js';

/**
 * A stand-alone build of the statistics and board pages for screenshot tests and for trying
 * them before they are linked into the app's router: dev identity headers from `?user=&community=&groups=`.
 */
const params = new URLSearchParams(location.search);
const user = params.get('user');
if (user !== null) {
  const community = params.get('community') ?? 'demo';
  requestContext.community = community;
  requestContext.devIdentity = { userId: user, displayName: user, community, groups: (params.get('groups') ?? '').split(',').filter((g) => g !== '') };
}

const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: { render: () => h(RouterView) }, children: statsRoutes },
    ...boardRoutes,
    { path: '/track', name: 'track', component: { render: () => h('p', 'track') } },
    { path: '/login', name: 'login', component: { render: () => h('p', 'login') } },
  ],
});

createApp({ render: () => h(RouterView) }).use(i18n).use(router).mount('#app');

import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { useSession } from './composables/use-session.js';
import { boardRoutes } from './board/board-routes.js';
import { bylawRoutes } from './bylaw/bylaw-routes.js';
import { designerRoutes } from './library/designer-routes.js';
import { statsRoutes } from './stats/stats-routes.js';
import InboxPage from './pages/InboxPage.vue';
import LoginPage from './pages/LoginPage.vue';
import WorkspaceLayout from './layouts/WorkspaceLayout.vue';

// The inbox and login are in the first chunk; every other page (and bpmn-js / form-js with
// them) loads on first visit, so the inbox never downloads a diagram or form library.
const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: LoginPage, meta: { public: true } },
  {
    path: '/',
    component: WorkspaceLayout,
    children: [
      { path: '', redirect: { name: 'inbox' } },
      { path: 'inbox', name: 'inbox', component: InboxPage },
      { path: 'tasks/:id', name: 'task', component: () => import('./pages/TaskPage.vue'), props: true },
      { path: 'start', name: 'start', component: () => import('./pages/StartPage.vue') },
      { path: 'start/:processKey', name: 'start-process', component: () => import('./pages/StartProcessPage.vue'), props: true },
      { path: 'cases', name: 'cases', component: () => import('./pages/CaseListPage.vue') },
      { path: 'cases/:id', name: 'case', component: () => import('./pages/CasePage.vue'), props: true },
      // 流程库, modeler, form editor and monitor (issue 7): each its own chunk.
      ...designerRoutes,
      // 统计分析 and the monthly report (issue 10).
      ...statsRoutes,
      // 规约参数: the community's bylaw settings (issue 8).
      ...bylawRoutes,
    ],
  },
  { path: '/c/:community', name: 'intake', component: () => import('./pages/PublicIntakePage.vue'), props: true, meta: { public: true } },
  { path: '/track/:code?', name: 'track', component: () => import('./pages/TrackPage.vue'), props: true, meta: { public: true } },
  ...boardRoutes,
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { public: true } },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  if (to.meta.public === true) return true;
  const session = useSession();
  const user = await session.load();
  if (user === null) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  return true;
});

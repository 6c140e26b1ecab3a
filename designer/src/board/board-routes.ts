import type { RouteRecordRaw } from 'vue-router';

/** The public board (公开栏) of a community: no sign-in. */
export const boardRoutes: RouteRecordRaw[] = [
  { path: '/board/:community', name: 'board', component: () => import('./BoardPage.vue'), props: true, meta: { public: true } },
];

import type { RouteRecordRaw } from 'vue-router';

/** Staff pages (children of the workspace layout): the dashboard and the monthly report. */
export const statsRoutes: RouteRecordRaw[] = [
  { path: 'stats', name: 'stats', component: () => import('./StatsDashboardPage.vue') },
  { path: 'stats/report', name: 'stats-report', component: () => import('./ReportPage.vue') },
];

import type { RouteRecordRaw } from 'vue-router';

/** The community admin's bylaw settings page (规约参数), beside the designer's pages. */
export const bylawRoutes: RouteRecordRaw[] = [{ path: 'designer/bylaw', name: 'bylaw-settings', component: () => import('./BylawPage.vue') }];

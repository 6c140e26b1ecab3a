import type { RouteRecordRaw } from 'vue-router';

/**
 * The designer's pages (issue 7), children of the workspace layout. Each loads on first visit,
 * so the inbox never downloads bpmn-js's modeler or the form editor.
 */
export const designerRoutes: RouteRecordRaw[] = [
  { path: 'designer', redirect: { name: 'designer-library' } },
  { path: 'designer/processes', name: 'designer-library', component: () => import('./LibraryPage.vue') },
  { path: 'designer/processes/:processKey', name: 'designer-process', component: () => import('../modeler/ModelerPage.vue'), props: true },
  { path: 'designer/forms', name: 'designer-forms', component: () => import('../form-editor/FormLibraryPage.vue') },
  { path: 'designer/forms/:formKey', name: 'designer-form', component: () => import('../form-editor/FormEditorPage.vue'), props: true },
  { path: 'designer/monitor/:processKey?', name: 'designer-monitor', component: () => import('../monitor/MonitorPage.vue'), props: true },
];

/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  // The generic component type every .vue shim uses; props are checked by vue-tsc, not here.
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean;
  }
}
export {};

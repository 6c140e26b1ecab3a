import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
// The runtime serves the built app on one port; in dev, Vite proxies the API (and its websocket) to it.
const apiTarget = process.env.LINLI_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  base: '/',
  plugins: [vue()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Name the heavy libraries' chunks so the bundle report says what the inbox does not load.
        advancedChunks: {
          groups: [
            { name: 'bpmn-viewer', test: /node_modules[\\/](bpmn-js|diagram-js|bpmn-moddle|moddle|moddle-xml|min-dash|min-dom|tiny-svg|path-intersection|diagram-js-direct-editing|@bpmn-io[\\/]diagram-js-ui)[\\/]/ },
            { name: 'form-viewer', test: /node_modules[\\/](@bpmn-io[\\/]form-js-viewer|preact|feelin|feelers|@bpmn-io[\\/]feel-|flatpickr|marked|dompurify|big\.js|luxon|@carbon|lezer|@lezer)/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, ws: true, changeOrigin: false },
    },
  },
});

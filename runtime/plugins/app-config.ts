import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AppConfig } from '../config.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: AppConfig;
  }
}

/** Makes the start-up configuration available to routes as `app.config`. */
async function appConfigPlugin(app: FastifyInstance, options: { readonly config: AppConfig }): Promise<void> {
  app.decorate('config', options.config);
}

export const appConfig = fp(appConfigPlugin, { name: 'app-config' });

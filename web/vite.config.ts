/// <reference types="vitest/config" />
import { defineConfig, loadEnv } from 'vite';
import vue from '@vitejs/plugin-vue';
import { graphqlDocuments } from './build/graphql-documents.ts';

export default defineConfig(({ command, mode }) => {
  // '' prefix: read PATRON_API from the process environment as well as .env files.
  const env = loadEnv(mode, '.', '');
  return {
    plugins: [vue(), graphqlDocuments()],
    define: {
      // vue-i18n: composition API only, no devtools hooks in production bundles.
      __VUE_I18N_FULL_INSTALL__: false,
      __VUE_I18N_LEGACY_API__: false,
      __INTLIFY_PROD_DEVTOOLS__: false,
      // Apollo Client 3 keeps its development warnings behind this flag.
      ...(command === 'build' ? { 'globalThis.__DEV__': 'false' } : {}),
    },
    server: {
      proxy: {
        '/graphql': { target: env.PATRON_API || 'http://localhost:4000' },
      },
    },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      modulePreload: {
        // A lazy console page fetches its own imports when it opens: its preload list would
        // otherwise sit in the entry that every member downloads on a phone. The same for the
        // portal pages no member lands on first (the perks, the forum, the password reset).
        resolveDependencies: (filename, deps) => (/(^|\/)(admin|later)-[^/]*$/.test(filename) ? [] : deps),
      },
      rolldownOptions: {
        output: {
          // Console and editor chunks are named admin-…, the portal's second-visit pages later-…,
          // so the preload filter above knows them.
          chunkFileNames: (chunk) => {
            const id = chunk.facadeModuleId ?? '';
            if (/[\\/]src[\\/]((admin|flow-editor)[\\/]|shared[\\/]ConsoleShell)/.test(id)) return 'assets/admin-[name]-[hash].js';
            if (/[\\/]src[\\/]portal[\\/](offers|challenges|club|password-reset|community)[\\/]/.test(id)) return 'assets/later-[name]-[hash].js';
            return 'assets/[name]-[hash].js';
          },
          // Areas are lazy routes; charts get a chunk of their own so that only the screens
          // that draw them pay for echarts. Everything else splits by import graph, which
          // keeps admin code out of what the member portal loads.
          codeSplitting: {
            // A group pulls in what its modules import (vue, tslib): the shared runtime gets a
            // group of its own first, or the entry would load echarts to get vue.
            groups: [
              { name: 'runtime', test: /node_modules[\\/](@vue|vue|tslib)[\\/]/, priority: 2 },
              { name: 'charts', test: /node_modules[\\/](echarts|zrender|vue-echarts)[\\/]/, priority: 1 },
            ],
          },
        },
      },
    },
    test: {
      name: 'web',
      environment: 'happy-dom',
      include: ['src/**/*.test.ts'],
    },
  };
});

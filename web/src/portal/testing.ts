// Helpers for the portal's component tests: an Apollo client whose answers each test
// writes by operation name, and the plugins a page needs to mount.
import { ApolloClient, ApolloLink, Observable } from '@apollo/client/core';
import { DefaultApolloClient } from '@vue/apollo-composable';
import { flushPromises } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import { createMemoryHistory, createRouter } from 'vue-router';
import { createCache } from '../graphql/client';
import en from '../i18n/en';
import ru from '../i18n/ru';
import { portalRoutes } from './routes';
import { PORTAL_SECTIONS, sectionRoute } from './sections';

/** An answer that never comes: the page stays loading. */
export const PENDING = Symbol('pending');
export type Answer = unknown | typeof PENDING | Error;
export type Handlers = Record<string, (variables: Record<string, unknown>) => Answer>;

export function testClient(handlers: Handlers) {
  const calls: { operationName: string; variables: Record<string, unknown> }[] = [];
  const link = new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        calls.push({ operationName: operation.operationName, variables: operation.variables });
        const handler = handlers[operation.operationName];
        const answer = handler ? handler(operation.variables) : new Error(`no handler for ${operation.operationName}`);
        if (answer === PENDING) return;
        if (answer instanceof Error) return observer.error(answer);
        observer.next({ data: answer as Record<string, unknown> });
        observer.complete();
      }),
  );
  return { client: new ApolloClient({ link, cache: createCache() }), calls };
}

export function mountOptions(handlers: Handlers, locale: 'en' | 'ru' = 'en') {
  const { client, calls } = testClient(handlers);
  const i18n = createI18n({ legacy: false, locale, messages: { en, ru } });
  const router = createRouter({
    history: createMemoryHistory(),
    // Every section's name resolves (pages link to each other), each to an empty page.
    routes: [
      ...PORTAL_SECTIONS.map((section) => ({ path: `/${section.path}`, name: sectionRoute(section), component: { render: () => null } })),
      // The forum's inner pages, by their real paths (pages read their params).
      ...(portalRoutes[0].children ?? [])
        .filter((route) => String(route.name).startsWith('portal-community-'))
        .map((route) => ({ path: `/${route.path}`, name: route.name, component: { render: () => null } })),
      { path: '/signin', name: 'portal-signin', component: { render: () => null } },
      { path: '/forgot', name: 'portal-forgot', component: { render: () => null } },
    ],
  });
  return { calls, client, global: { plugins: [i18n, router], provide: { [DefaultApolloClient as symbol]: client } } };
}

/** Lets Apollo answer and Vue render. */
export async function settle(rounds = 4) {
  for (let i = 0; i < rounds; i++) {
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

export const networkError = () => Object.assign(new Error('Failed to fetch'), { name: 'TypeError' });

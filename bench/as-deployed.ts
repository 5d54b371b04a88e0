/**
 * Patron is measured as it is deployed: docker/Dockerfile sets NODE_ENV=production. graphql-js
 * reads NODE_ENV once, when it is first imported, to leave out its development-only checks,
 * so the benches import this module before any other; the servers they start get the same
 * settings (`...AS_DEPLOYED` in their config).
 */
process.env.NODE_ENV = 'production';

export const AS_DEPLOYED = { NODE_ENV: 'production', SESSION_SECRET: 'bench-session-secret-0123456789abcdef' } as const;

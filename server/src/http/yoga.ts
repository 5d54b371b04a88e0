import type { IncomingMessage } from 'node:http';
import { GraphQLError, NoSchemaIntrospectionCustomRule, type ArgumentNode, type DocumentNode, type ExecutionResult, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { createYoga, maskError as defaultMaskError, type Plugin } from 'graphql-yoga';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { PothosValidationError } from '@pothos/core';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { ANONYMOUS, type Actor } from '../auth/actor';
import { InvalidCursorError } from '../db/keyset-page';
import { inTransaction } from '../db/transaction';
import { isDatabaseUnavailable } from '../db/unique-violation';
import type { Context } from '../graphql/context';
import { getSchema } from '../graphql/schema';
import type { Logger } from '../logger';
import type { Services } from '../services';
import { actorFromHeaders, carriesCredentials, type Credentials } from './authenticate';
import { IN_PROCESS_BODY_LIMIT, useBodyLimit } from './body-limit';
import { useCompiledExecution, type CompiledExecution } from './compiled-execution';
import { useOperationCache } from './operation-cache';
import { PersistedOperations } from './persisted-operations';
import { sessionCookie } from './cookies';
import type { Metrics } from './metrics';

/** What the node:http server hands yoga with each request (absent when tests call yoga.fetch). */
export interface ServerContext {
  req?: IncomingMessage;
  requestId?: string;
  /** app.ts refused the request if its body had no Content-Length or a larger one than GRAPHQL_MAX_BODY_BYTES (see body-limit.ts). */
  bodyLengthChecked?: boolean;
}

/** What the context reads of a request: yoga's WHATWG Request, or graphql-lane.ts's view of node's. */
export type RequestLike = Pick<Request, 'url'> & { headers: Pick<Headers, 'get'> };

export interface YogaDeps {
  config: Config;
  dataSource: DataSource;
  services: Services;
  logger: Logger;
  metrics?: Metrics;
}

/** The session cookies a request's mutation set, by request (yoga's Request, or the JSON lane's view of node's). */
const pendingCookies = new WeakMap<object, string[]>();

export function sessionCookiesFor(request: object): string[] {
  return pendingCookies.get(request) ?? [];
}

export function createYogaApp(deps: YogaDeps) {
  const { config, dataSource, services, logger } = deps;
  const production = config.NODE_ENV === 'production';
  const introspection = config.INTROSPECTION ?? !production;
  const persistedOperations = new PersistedOperations(config.GRAPHQL_PERSISTED_ONLY);

  const plugins: Plugin[] = [
    // Browsers cannot send a JSON POST or a custom header cross-site without a preflight;
    // yoga refuses the "simple" requests a hostile page could forge.
    useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf'] }),
    {
      onResponse({ request, response }) {
        for (const cookie of sessionCookiesFor(request)) response.headers.append('set-cookie', cookie);
      },
    },
    persistedOperations.plugin(),
  ];
  // Added at validation, for every request: the JSON lane (graphql-lane.ts) runs no
  // request-parsing hook, where yoga's own plugin marks the requests to refuse.
  if (!introspection) plugins.push({ onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule) });
  if (deps.metrics) plugins.push(metricsPlugin(deps.metrics));
  plugins.push(auditPlugin(deps));
  // After the request parsers, which yoga registers before these plugins. Requests from
  // the HTTP server are held to GRAPHQL_MAX_BODY_BYTES by app.ts.
  plugins.push(useBodyLimit(IN_PROCESS_BODY_LIMIT));
  // After every plugin that adds a validation rule (useDisableIntrospection).
  plugins.push(useOperationCache());
  const compiledExecution = config.GRAPHQL_JIT ? useCompiledExecution() : null;
  if (compiledExecution) plugins.push(compiledExecution.plugin);

  const transaction: Context['transaction'] = (work) => inTransaction(dataSource, work);

  const yoga = createYoga<ServerContext, Context>({
    schema: getSchema(),
    graphqlEndpoint: '/graphql',
    graphiql: (config.GRAPHIQL ?? !production) ? { title: 'Patron GraphQL', headers: '{"x-graphql-yoga-csrf": "1"}' } : false,
    landingPage: false,
    // useBodyLimit below does the same without a stream per request.
    maxRequestBodySize: false,
    // useOperationCache below does the same with cheaper keys.
    parserAndValidationCache: false,
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      error: (...args) => logger.error(args.map(String).join(' ')),
    },
    maskedErrors: { maskError },
    context: ({ request, req }) => contextOf(request, req),
    plugins,
  });

  function maskError(error: unknown, message: string, isDev?: boolean): Error {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    const path = error instanceof GraphQLError ? error.path : undefined;
    if (original instanceof InvalidCursorError) {
      return new GraphQLError(`after/before ${original.message}`, { path, extensions: { code: 'BAD_USER_INPUT' } });
    }
    if (original instanceof PothosValidationError && !(original instanceof GraphQLError && original.extensions?.code)) {
      return new GraphQLError(original.message, { path, extensions: { code: 'BAD_USER_INPUT' } });
    }
    if (isDatabaseUnavailable(original)) {
      logger.warn({ err: original, path }, 'database unavailable');
      return new GraphQLError('The database is unavailable; nothing was written. Try again shortly.', { path, extensions: { code: 'DATABASE_UNAVAILABLE', http: { status: 503 } } });
    }
    if (!(original instanceof GraphQLError)) {
      logger.error({ err: original, path }, 'unexpected error in a resolver');
    }
    return defaultMaskError(error, message, isDev && !production);
  }

  function contextOf(request: RequestLike, req: IncomingMessage | undefined): Context | Promise<Context> {
    const credentials = { authorization: request.headers.get('authorization'), cookie: request.headers.get('cookie') };
    // Without a key or a session cookie there is nothing to look up: the context is built at once, without a promise.
    if (!carriesCredentials(credentials)) return contextFor(request, req, { actor: ANONYMOUS, fromCookie: false });
    return authenticate(credentials, services, dataSource).then((found) => contextFor(request, req, found));
  }

  function contextFor(request: RequestLike, req: IncomingMessage | undefined, { actor, fromCookie }: { actor: Actor; fromCookie: boolean }): Context {
    persistedOperations.check(request, actor);
    return {
      actor,
      em: dataSource.manager,
      dataSource,
      services,
      client: { ip: clientIp(request, req, config.TRUST_PROXY), userAgent: request.headers.get('user-agent') },
      sessionFromCookie: fromCookie,
      setSessionCookie(token, expiresAt) {
        const secure = new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
        const list = pendingCookies.get(request) ?? [];
        list.push(sessionCookie(token, { secure, expiresAt }));
        pendingCookies.set(request, list);
      },
      transaction,
      auditNotes: new Map(),
    };
  }

  // Yoga's masked-errors plugin: the message, and the original logged when it is masked.
  const maskErrors = (errors: readonly GraphQLError[]): Error[] =>
    errors.map((error) => {
      const masked = maskError(error, 'Unexpected error.');
      if (masked !== error) logger.error(String(error));
      return masked;
    });
  const { metrics } = deps;
  const hotPath: HotPathParts = {
    contextFor: contextOf,
    compiled: compiledExecution ? compiledExecution.compiled : null,
    maskErrors,
    observe: metrics ? (labels, seconds, failed) => observeOperation(metrics, labels, seconds, failed) : () => undefined,
    audit: (context, document, operationName, variables) => auditFor(deps, context as Context, document, operationName, variables),
  };
  return Object.assign(yoga, { hotPath });
}

/**
 * What the JSON lane's hot path (graphql-lane.ts) takes from the pipeline it stands in for
 * on an operation this pipeline has already run: the same context, compiled function,
 * error masking and metrics.
 */
export interface HotPathParts {
  contextFor(request: RequestLike, req: IncomingMessage | undefined): Context | Promise<Context>;
  /** Null when GRAPHQL_JIT is off: then nothing is compiled, and the lane has no hot path. */
  compiled: CompiledExecution['compiled'] | null;
  maskErrors(errors: readonly GraphQLError[]): Error[];
  observe(labels: OperationLabels, seconds: number, failed: boolean): void;
  /** A mutation's audit entries, written from its result as the pipeline's audit plugin writes them (undefined: none to write). */
  audit(context: object, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): ((result: ExecutionResult) => Promise<void>) | undefined;
}

export type YogaApp = ReturnType<typeof createYogaApp>;

/** A bearer token that does not resolve fails the request with 401 (see actorFromHeaders). */
async function authenticate(credentials: Credentials, services: Services, dataSource: DataSource): Promise<{ actor: Actor; fromCookie: boolean }> {
  const found = await actorFromHeaders(credentials, services, dataSource);
  if (!found) {
    throw new GraphQLError('The session or API key is invalid, expired or revoked.', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } } },
    });
  }
  return found;
}

function clientIp(request: RequestLike, req: IncomingMessage | undefined, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return req?.socket.remoteAddress ?? null;
}

function metricsPlugin(metrics: Metrics): Plugin {
  return {
    onExecute({ args }) {
      const started = process.hrtime.bigint();
      const labels = operationLabels(args.document, args.operationName);
      return {
        onExecuteDone({ result }) {
          const failed = 'errors' in result && Array.isArray(result.errors) && result.errors.length > 0;
          observeOperation(metrics, labels, Number(process.hrtime.bigint() - started) / 1e9, failed);
        },
      };
    },
  };
}

/** How the operations histogram names an operation: by its name (else "anonymous") and the type of the document's first operation. */
export interface OperationLabels {
  operation: string;
  type: string;
}

export function operationLabels(document: DocumentNode, operationName: string | null | undefined): OperationLabels {
  const definition = document.definitions.find((d) => d.kind === 'OperationDefinition');
  const type = definition && 'operation' in definition ? definition.operation : 'unknown';
  const operation = operationName ?? (definition && 'name' in definition ? definition.name?.value : undefined) ?? 'anonymous';
  return { operation: operation.slice(0, 64), type };
}

function observeOperation(metrics: Metrics, labels: OperationLabels, seconds: number, failed: boolean): void {
  metrics.graphqlOperations.observe({ operation: labels.operation, type: labels.type, result: failed ? 'error' : 'ok' }, seconds);
}

/**
 * The audit log: after each mutation by a staff member or an API key, one entry per root
 * field with its `id` argument and its outcome. Arguments are not kept. A failure to write
 * the log is logged and does not fail the request.
 */
function auditPlugin(deps: YogaDeps): Plugin {
  return {
    onExecute({ args }) {
      const audit = auditFor(deps, args.contextValue as unknown as Context, args.document as DocumentNode, args.operationName, args.variableValues as Record<string, unknown> | null | undefined);
      return audit && { onExecuteDone: ({ result }) => audit(result) };
    },
  };
}

/**
 * What writes one execution's audit entries once its result is known (the pipeline's
 * plugin above, and the JSON lane's hot mutations); undefined when it leaves none: a query,
 * or a caller who is neither staff nor an API key.
 */
function auditFor(deps: YogaDeps, context: Context, document: DocumentNode, operationName: string | null | undefined, variableValues: Record<string, unknown> | null | undefined): ((result: object) => Promise<void>) | undefined {
  const actor = context.actor;
  const definition = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition' && (!operationName || d.name?.value === operationName));
  if (!definition || definition.operation !== 'mutation' || (actor.kind !== 'staff' && actor.kind !== 'apiKey')) return undefined;
  const fields = definition.selectionSet.selections.filter((s): s is FieldNode => s.kind === 'Field');
  return async (result) => {
    if (!('data' in result) && !('errors' in result)) return;
    const errors = ('errors' in result ? (result.errors as readonly GraphQLError[] | undefined) : undefined) ?? [];
    const data = ('data' in result ? result.data : undefined) as Record<string, { __typename?: string } | null> | null | undefined;
    const entries = fields.map((field) => {
      const key = field.alias?.value ?? field.name.value;
      const idArg = field.arguments?.find((a: ArgumentNode) => a.name.value === 'id' || a.name.value === 'campaignId' || a.name.value === 'surveyId' || a.name.value === 'postId' || a.name.value === 'memberId');
      const target = idArg ? String(idArg.value.kind === 'Variable' ? (variableValues ?? {})[idArg.value.name.value] ?? '' : 'value' in idArg.value ? idArg.value.value : '') : null;
      // An error without a path refused the whole operation (its variables, say): no field ran.
      const error = errors.find((e) => e.path?.[0] === key) ?? (data?.[key] == null ? errors.find((e) => !e.path) : undefined);
      const typename = data?.[key]?.__typename;
      const outcome = error ? String(error.extensions?.code ?? 'error') : typename && /Error$/.test(typename) ? typename : 'ok';
      return {
        staffUserId: actor.kind === 'staff' ? actor.staffUserId : null,
        apiKeyId: actor.kind === 'apiKey' ? actor.apiKeyId : null,
        role: actor.kind === 'staff' ? actor.role : 'apiKey',
        action: field.name.value,
        target: target || null,
        outcome,
        ip: context.client.ip,
        note: context.auditNotes.get(field.name.value) ?? null,
      };
    });
    await deps.services.audit.record(deps.dataSource.manager, entries).catch((err) => deps.logger.warn({ err: String(err) }, 'audit log not written'));
  };
}

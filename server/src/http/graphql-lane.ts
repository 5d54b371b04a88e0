import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { getOperationAST, type DocumentNode, type ExecutionResult, type GraphQLError, type GraphQLSchema } from 'graphql';
import type { CompiledQuery } from 'graphql-jit';
import { createGraphQLError, isPromise, processRegularResult } from 'graphql-yoga';
import type { Logger } from '../logger';
import { asGraphqlJsResult } from './compiled-execution';
import type { Metrics } from './metrics';
import { Lru } from './operation-cache';
import { operationLabels, sessionCookiesFor, type HotPathParts, type OperationLabels, type ServerContext, type YogaApp } from './yoga';

/** The parameters of a plain request: a query, its variables and operation name, nothing else. */
interface PlainParams {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** What the context reads of a request (yoga hands its resolvers' context a WHATWG Request; this lane, a view of node's). */
interface RequestView {
  method: string;
  url: string;
  headers: { get(name: string): string | null };
}

/**
 * The API's own lane into GraphQL. A JSON POST with a query and nothing more — what a till,
 * a storefront's server or a script sends — runs here on node:http, through yoga's own
 * envelop pipeline (`getEnveloped`): the same schema, context, parse and validation cache,
 * validation rules, masked errors, metrics and audit log. What it skips is yoga's fetch-API
 * adapter: a WHATWG Request, Headers and Response and a chain of promise hooks per request,
 * three quarters of a trivial query's CPU time (bench/graphql.ts).
 *
 * Everything else goes to yoga as before: other methods and content types, batches,
 * persisted operations (`extensions`), browsers (an Origin header: CORS), other Accept
 * types, subscriptions, and any request that fails before it executes (parse, validation,
 * authentication, persisted-only mode), so that its answer is yoga's own. An executed
 * operation's errors are answered by yoga's result processor: the same status and body.
 *
 * Yoga's request-level hooks (onRequest, onRequestParse, onParams, onResultProcess,
 * onResponse) do not run here. Each of Patron's is accounted for: CSRF prevention passes
 * any JSON POST; the body limit is app.ts's; persisted operations come with `extensions`;
 * the session cookie a mutation sets is sent below; introspection is refused at validation.
 *
 * A query or mutation this lane has run through the pipeline, validated and compiled
 * (graphql-jit compiles an operation at its second run), is hot: the next request with the
 * same text and operation name runs it without envelop's per-request hooks (HotOperations
 * below). A till's recordPurchase is a mutation: the pipeline's hooks around it cost about
 * 20 µs of the event loop's time per request (bench/cpu-ledger.ts).
 */
export function createGraphqlLane(yoga: YogaApp, logger: Logger, metrics: Metrics) {
  const hot = new HotOperations(yoga);
  return async function serveGraphql(req: IncomingMessage, res: ServerResponse, serverContext: ServerContext): Promise<void> {
    const requestId = serverContext.requestId ?? '';
    if (!eligible(req)) {
      metrics.countLane('yoga');
      res.setHeader('x-request-id', requestId);
      await yoga(req, res, serverContext);
      return;
    }
    const body = await readBody(req);
    const request = new NodeRequestView(req);
    const params = plainParams(body);
    const known = params && hot.get(params);
    if (params && known) {
      // Not awaited when it answered at once: an await costs a turn of the microtask queue.
      let answered = hot.run(known, params, request, req, res, logger, requestId);
      if (typeof answered !== 'boolean') answered = await answered;
      if (answered) {
        metrics.countLane('hot');
        return;
      }
      // Refused before any resolver ran (the credentials, the variables): yoga words it.
      metrics.countLane('yoga');
      await forward(yoga, req, res, serverContext, request, body, requestId);
      return;
    }
    const prepared = params && prepare(yoga, params, request, { ...serverContext, req, res });
    const contextValue = prepared && (await contextOf(prepared.enveloped));
    if (!params || !prepared || !contextValue) {
      metrics.countLane('yoga');
      await forward(yoga, req, res, serverContext, request, body, requestId);
      return;
    }
    metrics.countLane('json');
    let result: ExecutionResult;
    try {
      result = (await prepared.enveloped.execute({ schema: prepared.enveloped.schema, document: prepared.document, contextValue, variableValues: params.variables, operationName: params.operationName })) as ExecutionResult;
    } catch (err) {
      // A hook failed around the resolvers (they may have written): answered, never run again.
      result = executionFailed(logger, err, requestId);
    }
    if (!result.errors?.length) hot.learn(params, prepared.enveloped.schema, prepared.document, prepared.operation === 'mutation');
    await send(yoga, res, result, sessionCookiesFor(request), requestId);
  };
}

/** An operation known to parse, validate and compile: what it takes to run it again. */
interface HotOperation {
  document: DocumentNode;
  compiled: CompiledQuery;
  labels: OperationLabels;
  /** A mutation leaves its audit entries (the pipeline's audit plugin, yoga.ts). */
  mutation: boolean;
}

/**
 * The hot operations, by text and operation name (at most 1,024, one not used lately
 * forgotten first), and how one runs: the pipeline's own context, compiled function,
 * error masking and metrics (yoga.ts, HotPathParts), with nothing per request in between.
 *
 * The pipeline's hooks at operation level are accounted for here, as the request-level ones
 * are above: parse, validation and the introspection rule ran when the query was learned
 * (the rules do not change per request, nor does the schema); the persisted-only check is
 * part of building the context; a mutation's audit entries are written from its result, as
 * the audit plugin writes them, before it is answered; the other hooks act on failures,
 * which go to yoga. graphql-hot-operations.test.ts holds the count of those hooks, so that
 * one added later is weighed here.
 */
class HotOperations {
  /** By text, then by operation name: the one a request without a name runs, and the named ones. */
  private readonly texts = new Lru<string, { unnamed?: HotOperation; named: Map<string, HotOperation> }>(1024);
  /** Read once: yoga is a Proxy, and each property read through it runs its trap. */
  private readonly parts: HotPathParts;
  constructor(private readonly yoga: YogaApp) {
    this.parts = yoga.hotPath;
  }

  get({ query, operationName }: PlainParams): HotOperation | undefined {
    const text = this.texts.get(query);
    return operationName == null ? text?.unnamed : text?.named.get(operationName);
  }

  /** After the pipeline ran the operation without errors: hot once graphql-jit has compiled it. */
  learn({ query, operationName }: PlainParams, schema: GraphQLSchema, document: DocumentNode, mutation: boolean): void {
    const compiled = this.parts.compiled?.(schema, document, operationName);
    if (!compiled) return;
    let text = this.texts.get(query);
    if (!text) this.texts.set(query, (text = { named: new Map() }));
    const operation = { document, compiled, labels: operationLabels(document, operationName), mutation };
    if (operationName == null) text.unnamed = operation;
    else text.named.set(operationName, operation);
  }

  /**
   * Runs a hot operation and answers it; false, having run no resolver, when yoga must answer
   * instead. Synchronous as far as it can be (a context without credentials to look up,
   * resolvers that answer at once): a promise only where something is awaited.
   */
  run(operation: HotOperation, params: PlainParams, request: RequestView, req: IncomingMessage, res: ServerResponse, logger: Logger, requestId: string): boolean | Promise<boolean> {
    let contextValue: object | Promise<object>;
    try {
      contextValue = this.parts.contextFor(request, req);
    } catch {
      return false;
    }
    if (isPromise(contextValue)) {
      return contextValue.then(
        (context: object) => this.execute(operation, params, context, request, res, logger, requestId),
        () => false,
      );
    }
    return this.execute(operation, params, contextValue, request, res, logger, requestId);
  }

  private execute(operation: HotOperation, params: PlainParams, contextValue: object, request: RequestView, res: ServerResponse, logger: Logger, requestId: string): boolean | Promise<boolean> {
    const audit = operation.mutation ? this.parts.audit(contextValue, operation.document, params.operationName, params.variables) : undefined;
    const started = process.hrtime.bigint();
    let result: ExecutionResult | Promise<ExecutionResult>;
    try {
      result = operation.compiled.query(undefined, contextValue, params.variables);
    } catch (err) {
      return this.failed(err, request, res, logger, requestId);
    }
    if (isPromise(result)) {
      return result.then(
        (done) => this.answer(operation, done, started, request, res, requestId, audit),
        (err: unknown) => this.failed(err, request, res, logger, requestId),
      );
    }
    return this.answer(operation, result, started, request, res, requestId, audit);
  }

  /**
   * An execution that threw rather than answered: answered here, as the pipeline's lane
   * answers one (no audit entry, no histogram), and never handed to yoga to run again (a
   * mutation's resolvers may have written).
   */
  private failed(err: unknown, request: RequestView, res: ServerResponse, logger: Logger, requestId: string): true | Promise<true> {
    const sending = send(this.yoga, res, executionFailed(logger, err, requestId), sessionCookiesFor(request), requestId);
    return sending === undefined ? true : sending.then(() => true);
  }

  private answer(operation: HotOperation, result: ExecutionResult, started: bigint, request: RequestView, res: ServerResponse, requestId: string, audit?: (result: ExecutionResult) => Promise<void>): boolean | Promise<boolean> {
    // No data: the variables were refused before any resolver ran (graphql-js words it, with yoga's status).
    if (!('data' in result)) return false;
    // The audit reads the errors as the pipeline's plugin does: in graphql-js's shape, unmasked.
    const executed = result.errors?.length ? asGraphqlJsResult(result, operation.document.loc?.source) : result;
    const answer = executed.errors?.length ? { data: executed.data, extensions: executed.extensions, errors: this.parts.maskErrors(executed.errors as readonly GraphQLError[]) as GraphQLError[] } : executed;
    this.parts.observe(operation.labels, Number(process.hrtime.bigint() - started) / 1e9, Boolean(answer.errors?.length));
    const respond = () => {
      const sending = send(this.yoga, res, answer, sessionCookiesFor(request), requestId);
      return sending === undefined ? true : sending.then(() => true);
    };
    // Answered once its entries are written, as the pipeline answers a mutation.
    return audit ? audit(executed).then(respond) : respond();
  }
}

/** An execution that threw rather than answered: logged, and answered as yoga masks an unexpected error. */
function executionFailed(logger: Logger, err: unknown, requestId: string): ExecutionResult {
  logger.error({ err, requestId }, 'GraphQL execution failed');
  return { errors: [createGraphQLError('Unexpected error.', { extensions: { code: 'INTERNAL_SERVER_ERROR', unexpected: true } })] };
}

/** Parsed and validated, or null to leave the request to yoga (its errors are yoga's to word). */
function prepare(yoga: YogaApp, params: PlainParams, request: RequestView, serverContext: ServerContext & { res: ServerResponse }) {
  const enveloped = yoga.getEnveloped({ ...serverContext, request: request as unknown as Request, params } as Parameters<YogaApp['getEnveloped']>[0]);
  let document;
  try {
    document = enveloped.parse(params.query);
  } catch {
    return null;
  }
  const operation = getOperationAST(document, params.operationName ?? undefined);
  if (!operation || operation.operation === 'subscription') return null;
  if (enveloped.validate(enveloped.schema, document).length > 0) return null;
  return { enveloped, document, operation: operation.operation };
}

/** The resolvers' context, or null when building it failed (a key that does not resolve: yoga answers 401). */
async function contextOf(enveloped: ReturnType<YogaApp['getEnveloped']>): Promise<object | null> {
  try {
    return await enveloped.contextFactory();
  } catch {
    return null;
  }
}

/** Headers alone say whether a request may take the lane; its body decides the rest. */
function eligible(req: IncomingMessage): boolean {
  if (req.method !== 'POST' || req.headers.origin !== undefined) return false;
  const type = req.headers['content-type'];
  // The common spellings by comparison first: a regular expression per header is 1 % of a trivial query's CPU time.
  if (type !== 'application/json' && (!type || !/^application\/json\s*(;\s*charset=utf-8\s*)?$/i.test(type))) return false;
  // What yoga answers as application/json: no Accept, anything, or JSON itself.
  const accept = req.headers.accept;
  return accept === undefined || accept === '*/*' || accept === 'application/json' || /^\s*(\*\/\*|application\/json(\s*;\s*charset=utf-8)?)\s*$/i.test(accept);
}

export function plainParams(body: Buffer): PlainParams | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  for (const key of Object.keys(parsed)) if (key !== 'query' && key !== 'variables' && key !== 'operationName') return null;
  const { query, variables, operationName } = parsed as Record<string, unknown>;
  if (typeof query !== 'string') return null;
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return null;
  if (operationName != null && typeof operationName !== 'string') return null;
  return { query, variables: variables as PlainParams['variables'], operationName: operationName as PlainParams['operationName'] };
}

/** A view of node's request, built per request: no closure, and the URL only when read (a session cookie's Secure flag, a request forwarded to yoga). */
class NodeRequestView implements RequestView {
  readonly headers: NodeHeaders;
  constructor(private readonly req: IncomingMessage) {
    this.headers = new NodeHeaders(req);
  }

  get method(): string {
    return this.req.method ?? 'POST';
  }

  get url(): string {
    const protocol = (this.req.socket as TLSSocket).encrypted ? 'https' : 'http';
    return `${protocol}://${this.req.headers.host ?? 'localhost'}${this.req.url ?? '/graphql'}`;
  }
}

class NodeHeaders {
  constructor(private readonly req: IncomingMessage) {}

  get(name: string): string | null {
    const value = this.req.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * A result without errors as yoga writes it (processRegularResult); any other through yoga's
 * processor itself. Every header in one object given to writeHead: a header set before
 * (setHeader) sends node down its slower path of merging the two, a tenth of a trivial
 * query's time.
 */
function send(yoga: YogaApp, res: ServerResponse, result: ExecutionResult, cookies: string[], requestId: string): Promise<void> | undefined {
  if (!result.errors?.length && !(result.extensions as { http?: unknown } | undefined)?.http) {
    const text = JSON.stringify(result);
    const headers: Record<string, string | number | string[]> = { 'x-request-id': requestId, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) };
    if (cookies.length > 0) headers['set-cookie'] = cookies;
    res.writeHead(200, headers).end(text);
    // Written: nothing to wait for (undefined rather than a promise, which would cost its caller a turn of the microtask queue).
    return undefined;
  }
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  res.setHeader('x-request-id', requestId);
  return write(res, processRegularResult(result, yoga.fetchAPI, 'application/json'));
}

/** The request, its body already read, handed to yoga whole. */
async function forward(yoga: YogaApp, req: IncomingMessage, res: ServerResponse, serverContext: ServerContext, request: RequestView, body: Buffer, requestId: string): Promise<void> {
  res.setHeader('x-request-id', requestId);
  const headers: [string, string][] = [];
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'content-length' || name === 'connection' || name === 'transfer-encoding' || name === 'keep-alive') continue;
    headers.push([name, Array.isArray(value) ? value.join(', ') : value]);
  }
  const response = await yoga.fetch(request.url, { method: req.method, headers, body } as RequestInit, { ...serverContext, req });
  await write(res, response);
}

async function write(res: ServerResponse, response: Response): Promise<void> {
  const cookies = response.headers.getSetCookie();
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  res.statusCode = response.status;
  res.end(Buffer.from(await response.arrayBuffer()));
}

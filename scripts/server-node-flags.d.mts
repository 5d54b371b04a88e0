/** Types of server-node-flags.mjs (plain JavaScript, so that scripts/start.mjs runs without a TypeScript loader). */
export declare const SERVER_NODE_FLAGS: readonly string[];

/** Types of open-loop.mjs (plain JavaScript, so that the load generator's worker runs it without a TypeScript loader). */
export function openLoop(count: number, ratePerSecond: number, start: (index: number, due: number) => Promise<unknown>): Promise<void>;

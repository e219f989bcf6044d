/** Inputs per batch read, batch update and (as the sandbox enforces it) v4 association batch read. */
export const HUBSPOT_BATCH_MAX = 100;

/** `items` in consecutive slices of at most `size`. */
export function inChunks<T>(items: readonly T[], size: number = HUBSPOT_BATCH_MAX): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/**
 * `items` with no spare capacity: an array grown by `push` keeps room for about sixteen
 * elements, and the parsed model of every document is kept for the whole run, so the arrays
 * it holds are copied to their exact length. An empty array is returned as it is (it holds no
 * storage).
 */
export function exact<T>(items: T[]): T[] {
  return items.length === 0 ? items : items.slice();
}

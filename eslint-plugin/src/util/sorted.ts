/**
 * Binary search over items in source order: the index of the first item whose position (as
 * `positionOf` reads it) is at or after `position`, or `items.length`. Facts of a file are kept
 * in source order and queried by position, so that a report looks at what is near it, not at the
 * whole file.
 */
export function firstIndexAtOrAfter<T>(items: readonly T[], position: number, positionOf: (item: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (positionOf(items[middle]!) < position) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The index of the node of `nodes` (in source order, not overlapping) that holds `position`, or -1. */
export function indexOfNodeAt(nodes: readonly { range: readonly [number, number] }[], position: number): number {
  const index = firstIndexAtOrAfter(nodes, position + 1, node => node.range[1]);
  const node = nodes[index];
  return node && node.range[0] <= position && position < node.range[1] ? index : -1;
}

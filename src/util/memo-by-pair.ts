/**
 * `compute` remembered per pair of objects that never change once made (a tool registry and a
 * dialect's options, say): worked out on a pair's first call, then returned as it was. Entries
 * go when either object does.
 */
export function memoByPair<A extends object, B extends object, V>(compute: (first: A, second: B) => V): (first: A, second: B) => V {
  const byFirst = new WeakMap<A, WeakMap<B, V>>();
  return (first, second) => {
    let bySecond = byFirst.get(first);
    if (!bySecond) byFirst.set(first, (bySecond = new WeakMap()));
    if (bySecond.has(second)) return bySecond.get(second) as V;
    const value = compute(first, second);
    bySecond.set(second, value);
    return value;
  };
}

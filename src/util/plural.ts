/**
 * A count with its noun, singular for exactly one: `plural(1, "tool call")` is "1 tool call",
 * `plural(3, "tool call")` is "3 tool calls". Irregular plurals are passed as `many`.
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

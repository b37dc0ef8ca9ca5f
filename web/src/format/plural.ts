/** "1 follower", "3 followers": a count and its noun, with the English plural (or the one given). */
export function plural(n: number, noun: string, many: string = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : many}`;
}

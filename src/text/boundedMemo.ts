/**
 * A function's answers remembered per argument, for pure functions asked again and again with the same words
 * (stemming, splitting identifiers): the memory is emptied whole when it holds `limit` answers, which bounds it
 * without the bookkeeping of a least-recently-used order.
 */
export function boundedMemo<A, R>(fn: (arg: A) => R, limit: number): (arg: A) => R {
  const known = new Map<A, R>();
  return (arg) => {
    let answer = known.get(arg);
    if (answer === undefined) {
      answer = fn(arg);
      if (known.size >= limit) known.clear();
      known.set(arg, answer);
    }
    return answer;
  };
}

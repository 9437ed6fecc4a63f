// A page that reads a list again whenever a filter or the page changes can have two reads in flight: the user picks
// a district while the first page of all districts is still on its way. Answers arrive in any order, and the older
// one must not overwrite the newer. Each read takes a ticket; only the answer of the last ticket is shown.

/** Hands out tickets; `current()` of a ticket is true until a newer ticket is taken. */
export function latestOnly(): () => { current(): boolean } {
  let last = 0;
  return () => {
    const mine = ++last;
    return { current: () => mine === last };
  };
}

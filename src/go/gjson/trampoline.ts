// Running a recursive function on the heap instead of V8's stack: written as a generator, each recursive
// call is `yield callee(...)` (a generator not yet started), and the driver runs the callee and sends its
// result back. The depth is then bounded by memory, not by the stack (JSON nested 10000 deep, which Go's
// growable goroutine stacks take in their stride, overflows V8's default stack when each level is a frame).

/** A recursive computation returning R whose recursive calls are yielded. */
export type Recursion<R> = Generator<Recursion<R>, R, R>;

/** Runs `root` to its result, each yielded call on an explicit stack. */
export function runRecursion<R>(root: Recursion<R>): R {
  const stack: Recursion<R>[] = [root];
  let sent: R | undefined;
  for (;;) {
    const r = stack[stack.length - 1].next(sent as R);
    if (r.done) {
      stack.pop();
      if (stack.length === 0) return r.value;
      sent = r.value;
    } else {
      stack.push(r.value);
      sent = undefined;
    }
  }
}

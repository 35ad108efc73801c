import { type ReactNode, useDeferredValue } from "react";

/**
 * Its children in a second pass: what comes before it on the page is committed and painted
 * first, then React renders this part as a transition, in slices. For the lower half of a long
 * page, so that the top shows sooner and no single task blocks the browser for long. Nothing
 * moves: the part comes after everything already shown.
 */
export function Later({ children }: { children: ReactNode }) {
  const ready = useDeferredValue(true, false);
  return ready ? children : null;
}

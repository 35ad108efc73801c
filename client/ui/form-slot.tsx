import { type ReactNode, Suspense, useEffect, useState } from "react";

/** Runs once the browser has nothing more urgent to do (Safari has no requestIdleCallback). */
function whenIdle(run: () => void): () => void {
  if (typeof window.requestIdleCallback === "function") {
    const id = window.requestIdleCallback(run, { timeout: 1_000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(run, 50);
  return () => window.clearTimeout(id);
}

/**
 * Where a form whose code loads on demand (`React.lazy`) goes: react-hook-form, zod and the date
 * picker come with the form, not with the page. The form is mounted, and its code fetched, once
 * the page is painted and the browser idle, so that the page's first paint does not wait for it.
 * Meanwhile the place is kept at about the form's height, so that what follows does not move
 * when the form appears.
 */
export function FormSlot({ minHeight, children }: { minHeight: number; children: ReactNode }) {
  const [idle, setIdle] = useState(false);
  useEffect(() => whenIdle(() => setIdle(true)), []);
  const placeholder = <div style={{ minHeight }} />;
  return idle ? <Suspense fallback={placeholder}>{children}</Suspense> : placeholder;
}

import { type ReactNode, Suspense, useEffect, useRef, useState } from "react";

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
 * the page is painted and the browser idle, and once its place is on the screen, or, after the
 * reader has begun to scroll, within a screen's height of it: a form lower on a long page (a
 * task's comments, its notes) loads as the reader scrolls towards it, a little ahead, and a visit
 * that only reads the top of the page does not download it (on a slow link, about 100 KB).
 * Meanwhile the place is kept at about the form's height, so that what follows does not move
 * when the form appears.
 */
export function FormSlot({ minHeight, children }: { minHeight: number; children: ReactNode }) {
  const [ready, setReady] = useState(false);
  const place = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = place.current;
    if (!element) return;
    let cancelIdle = () => {};
    let observer: IntersectionObserver | undefined;
    const watch = (rootMargin: string) => {
      observer?.disconnect();
      observer = new IntersectionObserver(
        (entries) => {
          if (!entries.some((entry) => entry.isIntersecting)) return;
          observer?.disconnect();
          window.removeEventListener("scroll", ahead);
          cancelIdle = whenIdle(() => setReady(true));
        },
        { rootMargin },
      );
      observer.observe(element);
    };
    // Once the reader scrolls, the form loads a screen before it comes into view.
    const ahead = () => watch("100% 0px");
    watch("0px");
    window.addEventListener("scroll", ahead, { once: true, passive: true });
    return () => {
      observer?.disconnect();
      window.removeEventListener("scroll", ahead);
      cancelIdle();
    };
  }, []);
  if (!ready) return <div ref={place} style={{ minHeight }} />;
  return <Suspense fallback={<div style={{ minHeight }} />}>{children}</Suspense>;
}

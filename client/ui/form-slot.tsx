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
 * the page is painted and the browser idle, and once its place is within a screen's height of the
 * screen: a form lower on a long page loads as the reader scrolls towards it, and a visit that
 * only reads does not download it (on a slow link, about 100 KB). A form the reader may come to
 * but did not open the page for (`whenReached`: a task's comments, its notes) waits until its
 * place is on the screen, or until the reader begins to scroll, and then loads a screen ahead:
 * a visit that reads the top of a task does not download it even when the task is short.
 * Meanwhile the place is kept at about the form's height, so that what follows does not move
 * when the form appears.
 */
export function FormSlot({
  minHeight,
  whenReached = false,
  children,
}: {
  minHeight: number;
  whenReached?: boolean;
  children: ReactNode;
}) {
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
    const ahead = () => watch(A_SCREEN_AHEAD);
    if (whenReached) {
      watch("0px");
      window.addEventListener("scroll", ahead, { once: true, passive: true });
    } else {
      ahead();
    }
    return () => {
      observer?.disconnect();
      window.removeEventListener("scroll", ahead);
      cancelIdle();
    };
  }, [whenReached]);
  if (!ready) return <div ref={place} style={{ minHeight }} />;
  return <Suspense fallback={<div style={{ minHeight }} />}>{children}</Suspense>;
}

/** A screen's height below and above the screen. */
const A_SCREEN_AHEAD = "100% 0px";

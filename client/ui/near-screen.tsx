import { type ReactNode, type RefObject, useEffect, useRef, useState } from "react";
import { whenIdle } from "./when-idle.ts";

/** A screen's height below and above the screen. */
const A_SCREEN_AHEAD = "100% 0px";

/**
 * Whether a part of the page whose place is `place` should be there now: once the page is
 * painted and the browser idle, and once the place is within a screen's height of the screen,
 * so that a part lower on a long page comes as the reader scrolls towards it and a visit that
 * does not go there does not pay for it. With `whenReached`, it waits until the place is on the
 * screen, or until the reader begins to scroll, and then comes a screen ahead. Once there, it
 * stays.
 */
export function useNearScreen(whenReached = false): {
  place: RefObject<HTMLDivElement | null>;
  near: boolean;
} {
  const [near, setNear] = useState(false);
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
          cancelIdle = whenIdle(() => setNear(true));
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
  return { place, near };
}

/**
 * A part of the page drawn once it nears the screen (`useNearScreen`), in a place of about its
 * height until then, so that what follows does not move when it comes.
 */
export function NearScreen({ minHeight, children }: { minHeight: number; children: ReactNode }) {
  const { place, near } = useNearScreen();
  return near ? children : <div ref={place} style={{ minHeight }} />;
}

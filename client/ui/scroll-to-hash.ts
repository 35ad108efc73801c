import { useEffect } from "react";
import { useLocation } from "react-router";

/** How often and how long to look for the element: its part of the page loads its own data. */
const TRIES = 20;
const EVERY_MS = 100;

/**
 * Once the page has its data (`ready`), scrolls to the element the address names
 * (`/tasks/12#report-form`) and moves the focus there, as a browser does on a full page load:
 * an inbox item opens the page where the user acts.
 */
export function useScrollToHash(ready: boolean): void {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || hash.length < 2) return;
    const id = decodeURIComponent(hash.slice(1));
    let tries = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = () => {
      const element = document.getElementById(id);
      if (element) {
        element.scrollIntoView({ block: "start" });
        if (!element.hasAttribute("tabindex")) element.setAttribute("tabindex", "-1");
        element.focus({ preventScroll: true });
        return;
      }
      tries += 1;
      if (tries < TRIES) timer = setTimeout(look, EVERY_MS);
    };
    look();
    return () => clearTimeout(timer);
  }, [ready, hash]);
}

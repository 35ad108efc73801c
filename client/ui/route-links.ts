import { useCallback } from "react";
import { useNavigate } from "react-router";

/**
 * For an element holding many plain links (`<a href="/…">`, a big table's figures): a click on
 * one of them goes through the app's router, as a router `<Link>` would, instead of loading the
 * page again. One listener for the whole element, where a `<Link>` per cell would cost its hooks
 * in every cell (the per-agency table has some 1,100 links). A click with a modifier key or
 * another button, or on a link to another site, a new tab or a download, keeps the browser's
 * own behaviour; Enter on a focused link is a click too. Returns the ref for the element.
 */
export function useRouteLinks(): (element: HTMLElement | null) => (() => void) | undefined {
  const navigate = useNavigate();
  return useCallback(
    (element: HTMLElement | null) => {
      if (element === null) return undefined;
      const follow = (event: MouseEvent) => {
        if (
          event.defaultPrevented ||
          event.button !== 0 ||
          event.metaKey ||
          event.ctrlKey ||
          event.shiftKey ||
          event.altKey
        ) {
          return;
        }
        const link = event.target instanceof Element ? event.target.closest("a") : null;
        if (
          link === null ||
          !element.contains(link) ||
          link.target !== "" ||
          link.hasAttribute("download") ||
          link.origin !== window.location.origin
        ) {
          return;
        }
        event.preventDefault();
        navigate(`${link.pathname}${link.search}${link.hash}`);
      };
      element.addEventListener("click", follow);
      return () => element.removeEventListener("click", follow);
    },
    [navigate],
  );
}

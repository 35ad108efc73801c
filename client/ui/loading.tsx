import { Center, Loader, Skeleton, Stack, VisuallyHidden } from "@mantine/core";
import { useLayoutEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

/** Placeholder lines while data loads; screen readers hear "loading". */
export function LoadingLines({ lines = 5 }: { lines?: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" aria-busy="true">
      <VisuallyHidden role="status">{t("common.loading")}</VisuallyHidden>
      {Array.from({ length: lines }, (_, i) => `line-${i}`).map((line, i) => (
        <Skeleton key={line} height={i === 0 ? 28 : 18} width={i === 0 ? "40%" : "100%"} />
      ))}
    </Stack>
  );
}

/** What the server painted in the app's element for the page opened first (index.html). */
let painted: { path: string; nodes: ChildNode[] } | null = null;

/** The address a page is painted for: its path and query. */
function currentPath(): string {
  return `${window.location.pathname}${window.location.search}`;
}

/**
 * Keeps the nodes the server painted in `root` (the header bar, and the page's heading or a
 * task's top: server/page-heading.ts) before React takes the element, so that the whole-page
 * loader of that page shows them rather than a spinner. Called by client/main.tsx.
 */
export function keepPaintedPage(root: HTMLElement): void {
  painted = { path: currentPath(), nodes: [...root.childNodes] };
}

/**
 * The painted nodes, put back where React renders this element. React empties the app's element
 * when it first draws, and layout effects run before the browser paints: on a slow link, when the
 * page's own code comes after the app's, the page stays as painted instead of stepping back to a
 * spinner.
 */
function PaintedPage({ nodes }: { nodes: readonly ChildNode[] }) {
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    box.current?.append(...nodes);
  }, [nodes]);
  return <div ref={box} style={{ display: "contents" }} />;
}

/**
 * The whole page waits: for the signed-in user, or for the code of the page opened first. The
 * page the server painted stays while it does; any other shows a spinner, a picture (Mantine
 * draws it as a span, which may not carry a label). A status says "loading" to screen readers.
 */
export function FullPageLoader() {
  const { t } = useTranslation();
  const status = <VisuallyHidden role="status">{t("common.loading")}</VisuallyHidden>;
  if (painted?.path === currentPath()) {
    return (
      <>
        <PaintedPage nodes={painted.nodes} />
        {status}
      </>
    );
  }
  return (
    <Center h="100vh">
      <Loader aria-hidden />
      {status}
    </Center>
  );
}

import { useElementSize } from "@mantine/hooks";
import type { ReactNode } from "react";

/**
 * A wide table on a narrow screen: it scrolls sideways in a plain overflow box (the browser's
 * own scrollbar). While it scrolls, the box is a named region (a `section` with a name) in the Tab order, so that a
 * keyboard user can scroll it too; when everything fits, it is nothing but a box.
 *
 * Mantine's `Table.ScrollContainer` does the same in a `ScrollArea`, which brings Floating UI
 * (12.5 KB brotli) to every page with a table; vite.config.ts makes it this component too.
 */
export function TableScroll({
  minWidth,
  label,
  children,
}: {
  /** Below this width the table scrolls instead of squeezing. */
  minWidth: number;
  /** The region's name while it scrolls (the table's caption). */
  label: string;
  children: ReactNode;
}) {
  const { ref, width } = useElementSize();
  const scrolls = width > 0 && width < minWidth;
  return (
    <section
      ref={ref}
      // Positioned, so that the visually hidden texts in the table scroll with it instead of
      // widening the page.
      style={{ overflowX: "auto", position: "relative" }}
      tabIndex={scrolls ? 0 : undefined}
      aria-label={scrolls ? label : undefined}
    >
      <div style={{ minWidth }}>{children}</div>
    </section>
  );
}

/** What Mantine's `Table.ScrollContainer` is in the built app (vite.config.ts). */
export const TableScrollContainer = TableScroll;

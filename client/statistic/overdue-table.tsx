import { Badge, Checkbox, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import {
  elementScroll,
  measureElement,
  useVirtualizer,
  type VirtualizerOptions,
} from "@tanstack/react-virtual";
import cx from "clsx";
import type { TFunction } from "i18next";
import { memo, type ReactNode, type RefObject, useDeferredValue, useRef } from "react";
import { useTranslation } from "react-i18next";
import { vnDate } from "../../shared/date.ts";
import { OVERDUE_PAINTED_CARDS, OVERDUE_WINDOW_FROM } from "../../shared/overdue-page.ts";
import { STALE_REPORT_DAYS } from "../../shared/statistic.ts";
import { isUrgeable } from "../../shared/urge.ts";
import type { RouterOutputs } from "../trpc.ts";
import { KeyTaskBadge } from "../ui/badges.tsx";
import { type Column, ColumnHeaders, RowCells } from "../ui/data-table.tsx";
import { useFormatters } from "../ui/format.ts";
import link from "../ui/plain-link.module.css";
import { useRouteLinks } from "../ui/route-links.ts";
import { TableScroll } from "../ui/table-scroll.tsx";
import { useTaskColumns } from "../ui/task-columns.tsx";
import classes from "./overdue-table.module.css";
import { useStatisticFormat } from "./statistic-format.ts";

export type OverdueItem = RouterOutputs["statistic"]["overdue"]["items"][number];

/**
 * A row's height as its ResizeObserver reports it after layout; while none has, the height known
 * before or the estimate. The library's default reads `offsetHeight` as each row mounts, which
 * makes the browser lay the page out in the middle of React's commit and then again.
 */
const measuredSize: VirtualizerOptions<HTMLElement, Element>["measureElement"] = (
  element,
  entry,
  instance,
) => {
  if (entry) return measureElement(element, entry, instance);
  const index = instance.indexFromElement(element);
  return (
    instance.itemSizeCache.get(instance.options.getItemKey(index)) ??
    instance.options.estimateSize(index)
  );
};

/**
 * The scrolling box's size as its ResizeObserver reports it, after layout; until it reports (in
 * the same frame), the box is taken as tall as the screen, known without layout: a row or two
 * more than it shows. The library's default also reads `clientHeight` as the list mounts.
 */
const observeBoxSize: VirtualizerOptions<HTMLElement, Element>["observeElementRect"] = (
  instance,
  onSize,
) => {
  const box = instance.scrollElement;
  if (!box) return;
  const observer = new ResizeObserver(() =>
    onSize({ width: box.clientWidth, height: box.clientHeight }),
  );
  observer.observe(box);
  return () => observer.disconnect();
};

/**
 * Scrolls the box, except to where it already is: the library scrolls a new box to its start as
 * the list mounts. Reading or writing a box's scroll position makes the browser work out the
 * page's style and layout on the spot, in the middle of React's commit: 37–87 ms of a 90–130 ms
 * task on this machine (four times that on Lighthouse's phone), for the national list's first
 * page.
 */
const scrollBox: VirtualizerOptions<HTMLElement, Element>["scrollToFn"] = (
  offset,
  options,
  instance,
) => {
  if (offset + (options.adjustments ?? 0) === instance.scrollOffset) return;
  elementScroll(offset, options, instance);
};

/**
 * Windowing for a long list inside its own scrolling box: the rows in view, with spacers above
 * and below that keep the scroll height, rows measured as they render. Up to OVERDUE_WINDOW_FROM rows
 * every row renders and the box does not scroll.
 */
function useWindowing(count: number, estimate: number) {
  const scrollRef = useRef<HTMLElement>(null);
  const windowed = count > OVERDUE_WINDOW_FROM;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimate,
    // A few rows beyond the box each way: scrolling shows no gap, and a first visit renders few.
    overscan: 3,
    enabled: windowed,
    measureElement: measuredSize,
    observeElementRect: observeBoxSize,
    scrollToFn: scrollBox,
    initialRect: { width: 0, height: screen.height },
  });
  if (!windowed) {
    return {
      windowed,
      scrollRef,
      indexes: Array.from({ length: count }, (_, index) => index),
      before: 0,
      after: 0,
      measure: undefined,
    };
  }
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items.at(-1);
  return {
    windowed,
    scrollRef,
    indexes: items.map((item) => item.index),
    before: first?.start ?? 0,
    after: last ? virtualizer.getTotalSize() - last.end : 0,
    measure: virtualizer.measureElement,
  };
}

type Selection = {
  selected: ReadonlySet<number>;
  onToggle: (id: number) => void;
  onToggleAll: () => void;
};

function StaleBadge() {
  const { t } = useTranslation();
  return (
    <Badge
      color="orange"
      variant="light"
      tt="none"
      styles={{ root: { maxWidth: "none" }, label: { overflow: "visible" } }}
    >
      {t("statistic.column.staleReport", { days: STALE_REPORT_DAYS })}
    </Badge>
  );
}

/**
 * The last progress report, the urges and a stale-report marker: plain elements (a windowed list
 * draws some of these as it scrolls; Mantine's Text and Stack cost many times a <p>).
 */
function LastReport({ item }: { item: OverdueItem }) {
  const { t } = useTranslation();
  const { date, dateTime } = useFormatters();
  return (
    <div className={classes.report}>
      {item.staleReport && (
        <div>
          <StaleBadge />
        </div>
      )}
      {item.urge.lastAt !== null && (
        <p className={cx(classes.small, classes.strong)}>
          {t("urge.summary", {
            count: item.urge.count,
            total: item.urge.count,
            date: date(vnDate(new Date(item.urge.lastAt))),
          })}
        </p>
      )}
      {item.lastProgressAt === null ? (
        <p className={cx(classes.line, classes.dimmed)}>{t("overdue.noReport")}</p>
      ) : (
        <>
          <p className={cx(classes.line, classes.clamp)}>
            {item.lastProgressNote || t("overdue.noNote")}
          </p>
          <p className={cx(classes.small, classes.dimmed)}>{dateTime(item.lastProgressAt)}</p>
        </>
      )}
    </div>
  );
}

function taskName(item: OverdueItem): string {
  return item.clause === "" ? item.title : `${item.clause}. ${item.title}`;
}

/** A row's check box, named by the task as the Excel file names it. */
function SelectTask({
  item,
  checked,
  onToggle,
  mt,
}: {
  item: OverdueItem;
  checked: boolean;
  onToggle: (id: number) => void;
  mt?: number;
}) {
  const { t } = useTranslation();
  return (
    <Checkbox
      aria-label={t("overdue.selectTask", { title: taskName(item) })}
      checked={checked}
      // A task reported done awaits confirmation, not an urge.
      disabled={!isUrgeable(item.status)}
      onChange={() => onToggle(item.id)}
      mt={mt}
    />
  );
}

function SelectAll({
  items,
  selection,
  visibleLabel = false,
}: {
  items: readonly OverdueItem[];
  selection: Selection;
  /** Written beside the box (cards), or only its accessible name (a table's header cell). */
  visibleLabel?: boolean;
}) {
  const { t } = useTranslation();
  const { count } = useStatisticFormat();
  const urgeable = items.filter((item) => isUrgeable(item.status));
  const chosen = urgeable.filter((item) => selection.selected.has(item.id)).length;
  const label = t("overdue.selectAll", { count: urgeable.length, total: count(urgeable.length) });
  return (
    <Checkbox
      label={visibleLabel ? label : undefined}
      aria-label={visibleLabel ? undefined : label}
      checked={chosen > 0 && chosen === urgeable.length}
      indeterminate={chosen > 0 && chosen < urgeable.length}
      onChange={selection.onToggleAll}
    />
  );
}

/** The scrolling box of a windowed list, which keyboard users can scroll too. */
function Scroller({
  windowed,
  scrollRef,
  label,
  children,
}: {
  windowed: boolean;
  scrollRef: RefObject<HTMLElement | null>;
  label: string;
  children: ReactNode;
}) {
  if (!windowed) return <>{children}</>;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard
    <section ref={scrollRef} className={classes.scroller} aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

/** The room of the rows above or below the window, hidden from assistive technology. */
function Spacer({ height, columns }: { height: number; columns: number }) {
  return (
    <tbody aria-hidden="true">
      <tr style={{ height }}>
        <td colSpan={columns} className={classes.spacer} />
      </tr>
    </tbody>
  );
}

/** Wide tables scroll sideways; a windowed one inside its scroller, which scrolls both ways. */
function HorizontalScroll({
  windowed,
  label,
  children,
}: {
  windowed: boolean;
  label: string;
  children: ReactNode;
}) {
  if (windowed) return <div className={classes.wide}>{children}</div>;
  return (
    <TableScroll minWidth={TABLE_MIN_WIDTH} label={label}>
      {children}
    </TableScroll>
  );
}

const TABLE_MIN_WIDTH = 1180;

/** The overdue tasks, which of them are chosen, and the list's name for screen readers. */
type OverdueListProps = { items: readonly OverdueItem[]; selection: Selection; label: string };

/** The lead agency, and its successor of today when it has ended ("Hà Giang (nay: Tuyên Quang)"). */
function leadName(t: TFunction, item: OverdueItem): string {
  const lead = item.leadAgency.shortName || item.leadAgency.name;
  return item.successorAgency
    ? `${lead} ${t("overdue.now", { name: item.successorAgency.shortName })}`
    : lead;
}

/**
 * The overdue tasks as a table (cards on phones): directive, task, lead and coordinating
 * agencies, deadline in force, days overdue, last progress report, and a marker when the lead
 * agency has not reported for more than STALE_REPORT_DAYS days; a check box per row.
 */
export function OverdueTable({ items, selection, label }: OverdueListProps) {
  const { t } = useTranslation();
  // The rows in a second pass, row by row (as the cards below).
  const ready = useDeferredValue(true, false);
  const { count } = useStatisticFormat();
  const { windowed, scrollRef, indexes, before, after, measure } = useWindowing(items.length, 110);
  const task = useTaskColumns((item: OverdueItem) => ({
    ...item,
    lead: leadName(t, item),
  }));
  const columns: Column<OverdueItem>[] = [
    {
      key: "select",
      header: <SelectAll items={items} selection={selection} />,
      width: 44,
      cell: (item) => (
        <SelectTask
          item={item}
          checked={selection.selected.has(item.id)}
          onToggle={selection.onToggle}
        />
      ),
    },
    task.directiveAndClause,
    // The overdue list gives the last report more room than other task lists.
    { ...task.title, minWidth: 260 },
    task.lead,
    {
      key: "coordinators",
      header: t("task.coordinators"),
      cell: (item) => item.coordinators.map((agency) => agency.shortName).join(", "),
    },
    task.dueOn,
    {
      key: "daysOverdue",
      header: t("task.daysOverdue"),
      align: "right",
      minWidth: 90,
      cell: (item) => (
        <Text fw={700} c="red.9" size="sm">
          {count(item.daysOverdue)}
        </Text>
      ),
    },
    {
      key: "lastReport",
      header: t("task.lastProgress"),
      minWidth: 240,
      cell: (item) => <LastReport item={item} />,
    },
  ];

  return (
    <Scroller windowed={windowed} scrollRef={scrollRef} label={t("overdue.scrollRegion")}>
      <HorizontalScroll windowed={windowed} label={label}>
        <Table
          striped
          highlightOnHover
          verticalSpacing="sm"
          stickyHeader={windowed}
          aria-rowcount={items.length + 1}
          className={classes.table}
        >
          <Table.Caption>
            <VisuallyHidden>{label}</VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr aria-rowindex={1}>
              <ColumnHeaders columns={columns} />
            </Table.Tr>
          </Table.Thead>
          {before > 0 && <Spacer height={before} columns={columns.length} />}
          <Table.Tbody>
            {(ready ? indexes : []).map((index) => {
              const item = items[index];
              if (!item) return null;
              return (
                <Table.Tr key={item.id} ref={measure} data-index={index} aria-rowindex={index + 2}>
                  <RowCells columns={columns} row={item} index={index} />
                </Table.Tr>
              );
            })}
          </Table.Tbody>
          {after > 0 && <Spacer height={after} columns={columns.length} />}
        </Table>
      </HorizontalScroll>
    </Scroller>
  );
}

/**
 * One card of the phone list: plain elements but for the check box and the badges, and drawn
 * again only when its task or its choice changes (choosing one card leaves the others be).
 */
const OverdueCard = memo(function OverdueCard({
  item,
  index,
  checked,
  onToggle,
  measure,
}: {
  item: OverdueItem;
  index: number;
  checked: boolean;
  onToggle: (id: number) => void;
  measure: ((element: Element | null) => void) | undefined;
}) {
  const { t } = useTranslation();
  const { date } = useFormatters();
  const { count } = useStatisticFormat();
  return (
    <li ref={measure} data-index={index} className={classes.cardItem}>
      <div className={classes.card}>
        <div className={classes.cardTitle}>
          <SelectTask item={item} checked={checked} onToggle={onToggle} mt={2} />
          <a href={`/tasks/${item.id}`} className={cx(link.link, classes.cardLink)}>
            {item.title}
          </a>
        </div>
        <div className={classes.badges}>
          <Badge color="red" variant="light" tt="none">
            {t("task.overdueDays", { count: item.daysOverdue, days: count(item.daysOverdue) })}
          </Badge>
          {item.isKey && <KeyTaskBadge />}
        </div>
        <p className={cx(classes.line, classes.dimmed)}>
          {item.directive.number}
          {item.clause && ` · ${item.clause}`} · {t("task.leadShort")}: {leadName(t, item)}
        </p>
        {item.coordinators.length > 0 && (
          <p className={classes.line}>
            {t("task.coordinatorsShort")}:{" "}
            {item.coordinators.map((agency) => agency.shortName).join(", ")}
          </p>
        )}
        <p className={classes.line}>
          {t("task.dueOnShort")}: {date(item.dueOn)}
        </p>
        <LastReport item={item} />
      </div>
    </li>
  );
});

/**
 * The same list as cards, for phones. Past the first OVERDUE_PAINTED_CARDS, the cards come in a
 * second pass, after the list's header is shown, card by card (a transition, in slices), so that
 * no single task of the first visit draws them all; the first ones come at once, where the
 * server's page painted them (server/overdue-top.ts).
 */
export function OverdueCards({ items, selection, label }: OverdueListProps) {
  const { t } = useTranslation();
  const routeLinks = useRouteLinks();
  const ready = useDeferredValue(true, false);
  const { windowed, scrollRef, indexes, before, after, measure } = useWindowing(items.length, 260);
  return (
    <Stack gap="xs">
      <SelectAll items={items} selection={selection} visibleLabel />
      <Scroller windowed={windowed} scrollRef={scrollRef} label={t("overdue.scrollRegion")}>
        <ul ref={routeLinks} className={classes.cards} aria-label={label}>
          {before > 0 && <li aria-hidden="true" style={{ height: before }} />}
          {(ready ? indexes : indexes.slice(0, OVERDUE_PAINTED_CARDS)).map((index) => {
            const item = items[index];
            if (!item) return null;
            return (
              <OverdueCard
                key={item.id}
                item={item}
                index={index}
                checked={selection.selected.has(item.id)}
                onToggle={selection.onToggle}
                measure={measure}
              />
            );
          })}
          {after > 0 && <li aria-hidden="true" style={{ height: after }} />}
        </ul>
      </Scroller>
    </Stack>
  );
}

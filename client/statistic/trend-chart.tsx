import { Accordion, Box, Table, Text } from "@mantine/core";
import { useInViewport } from "@mantine/hooks";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatMonth } from "../../shared/date.ts";
import type { RouterOutputs } from "../trpc.ts";
import { CountLink } from "./statistic-cells.tsx";
import { useStatisticFormat } from "./statistic-format.ts";
import { statisticTasksHref, type UrlScope } from "./statistic-scope.ts";

type TrendPoint = RouterOutputs["statistic"]["trend"]["points"][number];

/** One month as the chart draws it. */
export type TrendRow = { label: string; overdue: number; onTimeRate: number | null };

/** The chart's height, kept by its place while the charts library loads: nothing moves. */
const TREND_FIGURE_HEIGHT = 320;

/** recharts, the largest library of the app: fetched when the chart comes into view. */
const TrendFigure = lazy(async () => ({
  default: (await import("./trend-figure.tsx")).TrendFigure,
}));

/**
 * Month by month: open overdue tasks (bars, left axis) and the on-time rate (line, right axis in
 * percent), with the same figures in a table for screen readers and keyboard users. The chart is
 * drawn once its place is in view: on a phone it is below the fold, and drawing it costs more
 * than the rest of the page.
 */
export function TrendChart({
  points,
  scope,
}: {
  points: readonly TrendPoint[];
  /** The scope of the figures; each count of the table opens its tasks at the point's day. */
  scope: UrlScope;
}) {
  const { t } = useTranslation();
  const { percent } = useStatisticFormat();
  const { ref, inViewport } = useInViewport();
  const [seen, setSeen] = useState(false);
  if (inViewport && !seen) setSeen(true);
  const overdueName = t("statistics.trendOverdue");
  const rateName = t("statistics.trendOnTimeRate");
  const data: TrendRow[] = points.map((point) => ({
    label: formatMonth(point.month),
    overdue: point.cells.overdue,
    onTimeRate: point.cells.onTimeRate,
  }));

  return (
    <>
      <figure style={{ margin: 0 }}>
        <figcaption>
          <Text size="sm" c="dimmed" mb="xs">
            {t("statistics.trendChart")}
          </Text>
        </figcaption>
        <Box ref={ref} mih={TREND_FIGURE_HEIGHT}>
          {seen && (
            <Suspense fallback={null}>
              <TrendFigure data={data} height={TREND_FIGURE_HEIGHT} />
            </Suspense>
          )}
        </Box>
      </figure>

      {/* The table is drawn when opened: a first visit does not draw what it does not show. */}
      <Accordion variant="contained" mt="sm" keepMounted={false}>
        <Accordion.Item value="table">
          <Accordion.Control>{t("statistics.trendTable")}</Accordion.Control>
          <Accordion.Panel>
            <Table striped verticalSpacing={4} tabularNums captionSide="top">
              <Table.Caption>{t("statistics.trendCaption")}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("statistics.month")}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {overdueName}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {rateName}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("statistics.cell.total")}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("statistics.cell.completed")}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {points.map((point) => {
                  const month = formatMonth(point.month);
                  const at = { ...scope, asOf: point.asOf };
                  const countCell = (cell: "overdue" | "total" | "completed", name: string) => (
                    <Table.Td ta="right">
                      <CountLink
                        value={point.cells[cell]}
                        to={statisticTasksHref(at, cell)}
                        label={t("statistics.monthLabel", { label: name, month })}
                      />
                    </Table.Td>
                  );
                  return (
                    <Table.Tr key={point.month}>
                      <Table.Th scope="row" fw={500}>
                        {month}
                      </Table.Th>
                      {countCell("overdue", overdueName)}
                      <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                        {percent(point.cells.onTimeRate)}
                      </Table.Td>
                      {countCell("total", t("statistics.cell.total"))}
                      {countCell("completed", t("statistics.cell.completed"))}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </>
  );
}

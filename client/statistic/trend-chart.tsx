import { Accordion, Table, Text, useMantineTheme } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import { formatMonth } from "../../shared/date.ts";
import type { RouterOutputs } from "../trpc.ts";
import { CountLink } from "./statistic-cells.tsx";
import { useStatisticFormat } from "./statistic-format.ts";
import { statisticTasksHref, type UrlScope } from "./statistic-scope.ts";

type TrendPoint = RouterOutputs["statistic"]["trend"]["points"][number];

/**
 * Month by month: open overdue tasks (bars, left axis) and the on-time rate (line, right axis in
 * percent), with the same figures in a table for screen readers and keyboard users.
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
  const theme = useMantineTheme();
  const { count, percent } = useStatisticFormat();
  const overdueName = t("statistics.trendOverdue");
  const rateName = t("statistics.trendOnTimeRate");
  const data = points.map((point) => ({
    label: formatMonth(point.month),
    overdue: point.cells.overdue,
    onTimeRate: point.cells.onTimeRate,
  }));
  const red = theme.colors.red[8];
  const blue = theme.colors.blue[8];

  return (
    <>
      <figure style={{ margin: 0 }}>
        <figcaption>
          <Text size="sm" c="dimmed" mb="xs">
            {t("statistics.trendChart")}
          </Text>
        </figcaption>
        <ComposedChart
          style={{ width: "100%", height: 320 }}
          responsive
          data={data}
          margin={{ top: 8, right: 8, bottom: 8, left: 0 }}
          title={t("statistics.trendChart")}
          accessibilityLayer
        >
          <CartesianGrid strokeDasharray="3 3" stroke={theme.colors.gray[3]} />
          <XAxis dataKey="label" tick={{ fill: theme.colors.gray[8], fontSize: 12 }} />
          <YAxis
            yAxisId="count"
            allowDecimals={false}
            tickFormatter={(value: number) => count(value)}
            tick={{ fill: theme.colors.gray[8], fontSize: 12 }}
            width={48}
          />
          <YAxis
            yAxisId="rate"
            orientation="right"
            domain={[0, 100]}
            tickFormatter={(value: number) => `${count(value)}%`}
            tick={{ fill: theme.colors.gray[8], fontSize: 12 }}
            width={56}
          />
          <Tooltip
            formatter={(value, name) =>
              typeof value !== "number" ? "–" : name === rateName ? percent(value) : count(value)
            }
          />
          <Legend />
          <Bar yAxisId="count" dataKey="overdue" name={overdueName} fill={red} maxBarSize={36} />
          <Line
            yAxisId="rate"
            dataKey="onTimeRate"
            name={rateName}
            stroke={blue}
            strokeWidth={2}
            connectNulls
            dot={{ r: 3 }}
          />
        </ComposedChart>
      </figure>

      <Accordion variant="contained" mt="sm">
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

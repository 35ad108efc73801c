import { useMantineTheme } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import { useStatisticFormat } from "./statistic-format.ts";
import type { TrendRow } from "./trend-chart.tsx";

/**
 * The trend drawn with recharts (the largest library of the app), fetched by TrendChart when the
 * chart comes into view.
 */
export function TrendFigure({ data, height }: { data: readonly TrendRow[]; height: number }) {
  const { t } = useTranslation();
  const theme = useMantineTheme();
  const { count, percent } = useStatisticFormat();
  const overdueName = t("statistics.trendOverdue");
  const rateName = t("statistics.trendOnTimeRate");
  const red = theme.colors.red[8];
  const blue = theme.colors.blue[8];
  return (
    <ComposedChart
      style={{ width: "100%", height }}
      responsive
      data={[...data]}
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
        // As wide as its longest label: a national scope's counts have six figures ("120.000").
        width="auto"
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
  );
}

import { Anchor, Box, type MantineColor, Paper, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { StatisticCells as Cells } from "../../shared/statistic.ts";
import type { Timeliness } from "../../shared/timeliness.ts";
import { TIMELINESS_COLORS } from "../ui/badges.tsx";
import classes from "./statistic.module.css";
import {
  CELL_CATEGORIES,
  overdueHref,
  taskListHref,
  type UrlScope,
  useStatisticFormat,
} from "./statistic-scope.ts";

/** A count that opens the tasks it counts; a zero opens nothing. */
export function CountLink({
  value,
  to,
  label,
  size,
}: {
  value: number;
  to: string;
  /** What is counted, for the link's name ("Quá hạn chưa hoàn thành"). */
  label: string;
  size?: string;
}) {
  const { t } = useTranslation();
  const { count } = useStatisticFormat();
  const text = count(value);
  if (value === 0) {
    return (
      <Text span fz={size} className={classes.number}>
        {text}
      </Text>
    );
  }
  return (
    <Anchor
      component={Link}
      to={to}
      fz={size}
      className={classes.number}
      aria-label={t("statistics.openList", { count: text, label })}
    >
      {text}
    </Anchor>
  );
}

function MainCell({
  label,
  color,
  value,
  to,
  children,
}: {
  label: string;
  color: MantineColor;
  value: number;
  to: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      p="md"
      className={classes.cell}
      style={{ borderLeftColor: `var(--mantine-color-${color}-7)` }}
    >
      <dt>
        <Text fw={600} size="sm">
          {label}
        </Text>
      </dt>
      <dd className={classes.cellValue}>
        <CountLink value={value} to={to} label={label} size="2rem" />{" "}
        <Text span size="sm" c="dimmed">
          {t("statistics.tasksUnit")}
        </Text>
        {children && (
          <Text size="sm" mt={4}>
            {children}
          </Text>
        )}
      </dd>
    </Paper>
  );
}

function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={classes.figure}>
      <dt>
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </dt>
      <dd>
        <Text fw={700} size="lg">
          {children}
        </Text>
      </dd>
    </div>
  );
}

/**
 * The four cells the Government publishes (completed on time, completed late, open within
 * deadline, open overdue: together the total), then the other figures and the sentence a report
 * would write.
 */
export function StatisticCellsView({
  cells,
  scope,
  lead,
}: {
  cells: Cells;
  scope: UrlScope;
  /** The agency the task lists filter on (the scope's own agency). */
  lead: number | undefined;
}) {
  const { t } = useTranslation();
  const { count, percent, days } = useStatisticFormat();
  const list = (timeliness: readonly Timeliness[]) => taskListHref(scope, { timeliness, lead });
  const openNotOverdue = cells.open - cells.overdue;
  const label = (key: string) => t(`statistics.cell.${key}`);

  return (
    <Stack gap="md">
      <Box component="dl" className={classes.mainCells}>
        <MainCell
          label={label("completedOnTime")}
          color={TIMELINESS_COLORS.completed_on_time}
          value={cells.completedOnTime}
          to={list(CELL_CATEGORIES.completedOnTime)}
        />
        <MainCell
          label={label("completedLate")}
          color={TIMELINESS_COLORS.completed_late}
          value={cells.completedLate}
          to={list(CELL_CATEGORIES.completedLate)}
        />
        <MainCell
          label={label("withinDeadline")}
          color={TIMELINESS_COLORS.in_deadline}
          value={openNotOverdue}
          to={list(CELL_CATEGORIES.openNotOverdue)}
        >
          {t("statistics.withinIncludes", {
            noDeadline: count(cells.noDeadline),
            dueSoon: count(cells.dueSoon),
          })}
        </MainCell>
        <MainCell
          label={label("overdue")}
          color={TIMELINESS_COLORS.overdue}
          value={cells.overdue}
          to={overdueHref(scope, lead)}
        >
          {t("statistics.shareOfTotal", { percent: percent(cells.overdueShare) })}
        </MainCell>
      </Box>

      <Box component="dl" className={classes.figures}>
        <Figure label={label("total")}>
          <CountLink value={cells.total} to={list(CELL_CATEGORIES.total)} label={label("total")} />
        </Figure>
        <Figure label={label("completed")}>
          <CountLink
            value={cells.completed}
            to={list(CELL_CATEGORIES.completed)}
            label={label("completed")}
          />
        </Figure>
        <Figure label={label("noDeadline")}>
          <CountLink
            value={cells.noDeadline}
            to={list(CELL_CATEGORIES.noDeadline)}
            label={label("noDeadline")}
          />
        </Figure>
        <Figure label={label("dueSoon")}>
          <CountLink
            value={cells.dueSoon}
            to={list(CELL_CATEGORIES.dueSoon)}
            label={label("dueSoon")}
          />
        </Figure>
        <Figure label={label("completionRate")}>{percent(cells.completionRate)}</Figure>
        <Figure label={label("overdueShare")}>{percent(cells.overdueShare)}</Figure>
        <Figure label={label("onTimeRate")}>{percent(cells.onTimeRate)}</Figure>
        <Figure label={label("avgDaysOverdue")}>{days(cells.avgDaysOverdue)}</Figure>
      </Box>

      <Text>
        {t("statistics.summary", {
          total: count(cells.total),
          completed: count(cells.completed),
          completionRate: percent(cells.completionRate),
          onTime: count(cells.completedOnTime),
          late: count(cells.completedLate),
          within: count(openNotOverdue),
          overdue: count(cells.overdue),
          overdueShare: percent(cells.overdueShare),
        })}
        {cells.keyTasks > 0 &&
          !scope.keyOnly &&
          ` ${t("statistics.keySummary", { key: count(cells.keyTasks) })}`}
      </Text>
    </Stack>
  );
}

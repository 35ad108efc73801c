import { Anchor, Box, type MantineColor, Paper, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  type StatisticCells as Cells,
  cellValue,
  type StatisticCell,
} from "../../shared/statistic.ts";
import { TIMELINESS_COLORS } from "../../shared/task-badges.ts";
import classes from "./statistic.module.css";
import { useStatisticFormat } from "./statistic-format.ts";
import { CELL_LABEL_KEYS, statisticTasksHref, type UrlScope } from "./statistic-scope.ts";

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
  cell,
  cells,
  scope,
  color,
  children,
}: {
  cell: StatisticCell;
  /** null while the figures load: the cell keeps its shape, its number a grey bar. */
  cells: Cells | null;
  scope: UrlScope;
  color: MantineColor;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const label = t(`statistics.cell.${CELL_LABEL_KEYS[cell]}`);
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
        {cells === null ? (
          <Text span fz="2rem" className={classes.number}>
            <span className={classes.numberPlaceholder} />
          </Text>
        ) : (
          <CountLink
            value={cellValue(cells, cell)}
            to={statisticTasksHref(scope, cell)}
            label={label}
            size="2rem"
          />
        )}{" "}
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

/** A figure that counts tasks, opening them. */
function CountFigure({
  cell,
  cells,
  scope,
}: {
  cell: StatisticCell;
  cells: Cells;
  scope: UrlScope;
}) {
  const { t } = useTranslation();
  const label = t(`statistics.cell.${CELL_LABEL_KEYS[cell]}`);
  return (
    <Figure label={label}>
      <CountLink
        value={cellValue(cells, cell)}
        to={statisticTasksHref(scope, cell)}
        label={label}
      />
    </Figure>
  );
}

/** The sentence a report writes about the figures ("Tổng số 20 nhiệm vụ; đã hoàn thành …"). */
export function useFiguresSentence() {
  const { t } = useTranslation();
  const { count, percent } = useStatisticFormat();
  return (cells: Cells) =>
    t("statistics.summary", {
      total: count(cells.total),
      completed: count(cells.completed),
      completionRate: percent(cells.completionRate),
      onTime: count(cells.completedOnTime),
      late: count(cells.completedLate),
      within: count(cellValue(cells, "openNotOverdue")),
      overdue: count(cells.overdue),
      overdueShare: percent(cells.overdueShare),
    });
}

/**
 * The four cells the Government publishes (completed on time, completed late, open within
 * deadline, open overdue: together the total), each opening the tasks it counts. With `cells`
 * null (loading) the same cells without their numbers, so the page does not move when they come.
 */
export function MainCells({ cells, scope }: { cells: Cells | null; scope: UrlScope }) {
  const { t } = useTranslation();
  const { count, percent } = useStatisticFormat();
  const main = { cells, scope };
  // One line kept for the sentence under a cell while the figures load.
  const later = "\u00a0";
  return (
    <Box component="dl" className={classes.mainCells} aria-busy={cells === null}>
      <MainCell cell="completedOnTime" color={TIMELINESS_COLORS.completed_on_time} {...main} />
      <MainCell cell="completedLate" color={TIMELINESS_COLORS.completed_late} {...main} />
      <MainCell cell="openNotOverdue" color={TIMELINESS_COLORS.in_deadline} {...main}>
        {cells === null
          ? later
          : t("statistics.withinIncludes", {
              noDeadline: count(cells.noDeadline),
              dueSoon: count(cells.dueSoon),
            })}
      </MainCell>
      <MainCell cell="overdue" color={TIMELINESS_COLORS.overdue} {...main}>
        {cells === null
          ? later
          : t("statistics.shareOfTotal", { percent: percent(cells.overdueShare) })}
      </MainCell>
    </Box>
  );
}

/**
 * The four cells the Government publishes, then the other figures and the sentence a report
 * would write.
 */
export function StatisticCellsView({ cells, scope }: { cells: Cells; scope: UrlScope }) {
  const { t } = useTranslation();
  const { count, percent, days } = useStatisticFormat();
  const sentence = useFiguresSentence();
  const label = (key: string) => t(`statistics.cell.${key}`);
  const main = { cells, scope };

  return (
    <Stack gap="md">
      <MainCells cells={cells} scope={scope} />

      <Box component="dl" className={classes.figures}>
        <CountFigure cell="total" {...main} />
        <CountFigure cell="completed" {...main} />
        <CountFigure cell="noDeadline" {...main} />
        <CountFigure cell="continuing" {...main} />
        <CountFigure cell="dueSoon" {...main} />
        <CountFigure cell="awaitingConfirmation" {...main} />
        <CountFigure cell="cancelled" {...main} />
        {!scope.keyOnly && <CountFigure cell="keyTasks" {...main} />}
        <Figure label={label("completionRate")}>{percent(cells.completionRate)}</Figure>
        <Figure label={label("overdueShare")}>{percent(cells.overdueShare)}</Figure>
        <Figure label={label("onTimeRate")}>{percent(cells.onTimeRate)}</Figure>
        <Figure label={label("avgDaysOverdue")}>{days(cells.avgDaysOverdue)}</Figure>
      </Box>

      <Text>
        {sentence(cells)}
        {cells.keyTasks > 0 &&
          !scope.keyOnly &&
          ` ${t("statistics.keySummary", { key: count(cells.keyTasks) })}`}
      </Text>
    </Stack>
  );
}

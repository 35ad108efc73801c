import { Badge, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { WHOLE } from "../ui/badges.tsx";
import { useFormatters } from "../ui/format.ts";
import { useDutyText, usePeriodName } from "./period.ts";
import type { ReportList } from "./report-form.tsx";

/**
 * The task's report duty and how each agency stands: the periods one may report for, the period
 * now due, and per agency whether it reported it, which periods it missed and how many in a row.
 */
export function ReportDutyStatus({ list }: { list: ReportList }) {
  const { t } = useTranslation();
  const { date } = useFormatters();
  const periodName = usePeriodName();
  const dutyText = useDutyText();
  const titleId = useId();
  const current = list.currentPeriod;
  const upcoming = list.periods.filter((period) => period.key !== current?.key);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Title order={3} fz="h4" id={titleId}>
          {t("report.dutyTitle")}
        </Title>
        <Text size="sm">{dutyText(list.duty)}</Text>
        {list.duty && (
          <>
            <Text size="sm">
              {current
                ? t("report.currentPeriod", {
                    period: periodName(current.key),
                    date: date(current.dueOn),
                  })
                : t("report.noPeriodDueYet")}
            </Text>
            {upcoming.length > 0 && (
              <Text size="sm" c="dimmed">
                {t("report.openPeriods", {
                  periods: upcoming
                    .map((period) =>
                      t("report.periodWithDue", {
                        period: periodName(period.key),
                        date: date(period.dueOn),
                      }),
                    )
                    .join("; "),
                })}
              </Text>
            )}
            <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: "none" }}>
              {list.agencies.map((item) => {
                const done = current !== null && item.reportedPeriodKeys.includes(current.key);
                const older = item.missed.filter((key) => key !== current?.key);
                return (
                  <li key={item.agency.id}>
                    <Stack gap={4}>
                      <Group gap={6} wrap="wrap">
                        <Text size="sm" fw={600}>
                          {item.agency.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          ({t(`reportAgencyRole.${item.role}`)})
                        </Text>
                      </Group>
                      <Group gap={6} wrap="wrap">
                        {current && (
                          <Badge
                            color={done ? "green" : "red"}
                            variant="light"
                            tt="none"
                            styles={WHOLE}
                          >
                            {done
                              ? t("report.reportedCurrent", { period: periodName(current.key) })
                              : t("report.missingCurrent", { period: periodName(current.key) })}
                          </Badge>
                        )}
                        {item.streak > 1 && (
                          <Badge color="red" variant="outline" tt="none" styles={WHOLE}>
                            {t("report.streak", { count: item.streak })}
                          </Badge>
                        )}
                      </Group>
                      <Text size="xs" c="dimmed">
                        {t("report.reportedCount", { count: item.reportedPeriodKeys.length })}
                        {older.length > 0 &&
                          ` · ${t("report.missedList", {
                            periods: older.map((key) => periodName(key)).join(", "),
                          })}`}
                      </Text>
                    </Stack>
                  </li>
                );
              })}
            </Stack>
          </>
        )}
      </Stack>
    </Paper>
  );
}

import { Badge, Button, Group, Stack, Text, Timeline } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { EvidenceList } from "../evidence/evidence-list.tsx";
import { WHOLE } from "../ui/badges.tsx";
import { useFormatters } from "../ui/format.ts";
import { ProgressLabel } from "../ui/progress-label.tsx";
import { useReportTitle } from "./period.ts";
import type { Report } from "./report-form.tsx";

function Part({ label, text }: { label: string; text: string }) {
  if (text === "") return null;
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: "pre-line" }}>
        {text}
      </Text>
    </div>
  );
}

function Tag({ color, children }: { color: string; children: ReactNode }) {
  return (
    <Badge color={color} variant="light" tt="none" styles={WHOLE}>
      {children}
    </Badge>
  );
}

/**
 * The reports of a task as a timeline, newest first: period, agency and role, author, date,
 * percent, what was done, difficulties, proposals, next steps, files; late and corrected marks.
 */
export function ReportTimeline({
  reports,
  canCorrect,
  onCorrect,
}: {
  reports: readonly Report[];
  canCorrect: (report: Report) => boolean;
  onCorrect: (report: Report) => void;
}) {
  const { t } = useTranslation();
  const { date, dateTime } = useFormatters();
  const reportTitle = useReportTitle();
  const byId = new Map(reports.map((report) => [report.id, report]));

  if (reports.length === 0) {
    return <Text c="dimmed">{t("report.none")}</Text>;
  }

  const titleOf = (report: Report) =>
    report.kind === "completion" ? t("reportKind.completion") : reportTitle(report.periodKey);

  return (
    <Timeline bulletSize={14} lineWidth={2} active={-1}>
      {reports.map((report) => {
        const corrected = report.correctsId === null ? undefined : byId.get(report.correctsId);
        return (
          <Timeline.Item
            key={report.id}
            color={report.kind === "completion" ? "green" : report.isLate ? "red" : "blue"}
            title={
              <Text fw={600} size="sm" component="h3" m={0}>
                {titleOf(report)}
              </Text>
            }
          >
            <Stack gap={6} mt={4}>
              <Group gap={6}>
                <Tag color={report.agencyRole === "lead" ? "blue" : "cyan"}>
                  {t(`reportAgencyRole.${report.agencyRole}`)}: {report.agency.shortName}
                </Tag>
                {report.isLate && <Tag color="red">{t("report.late")}</Tag>}
                {report.correctsId !== null && (
                  <Tag color="orange">
                    {corrected
                      ? t("report.correctsOn", { at: dateTime(corrected.createdAt) })
                      : t("report.correction")}
                  </Tag>
                )}
                {report.correctedById !== null && (
                  <Tag color="gray">{t("report.correctedLater")}</Tag>
                )}
              </Group>
              {report.kind === "completion" && report.documentNumber !== null && (
                <Text size="sm">
                  {t("report.documentLine", {
                    number: report.documentNumber,
                    date: date(report.documentDate),
                  })}
                </Text>
              )}
              {report.kind === "progress" && (
                <Group gap="xs" wrap="nowrap" maw={320}>
                  <Text size="sm" fw={600}>
                    {t("report.progressShort")}
                  </Text>
                  <ProgressLabel value={report.progress} />
                </Group>
              )}
              <Part label={t("report.progressLoweredReason")} text={report.progressLoweredReason} />
              <Part
                label={report.kind === "completion" ? t("report.note") : t("report.summary")}
                text={report.summary}
              />
              <Part label={t("report.difficulties")} text={report.difficulties} />
              <Part label={t("report.proposals")} text={report.proposals} />
              <Part label={t("report.nextSteps")} text={report.nextSteps} />
              <EvidenceList files={report.files} />
              <Group gap="xs" justify="space-between" wrap="wrap">
                <Text size="xs" c="dimmed">
                  {report.author.fullName} ({report.author.agencyShortName}) ·{" "}
                  <time dateTime={report.createdAt}>{dateTime(report.createdAt)}</time>
                  {report.periodDueOn !== null &&
                    ` · ${t("report.dueOn", { date: date(report.periodDueOn) })}`}
                </Text>
                {canCorrect(report) && (
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    onClick={() => onCorrect(report)}
                    aria-label={t("report.correctLabel", { title: titleOf(report) })}
                  >
                    {t("report.correct")}
                  </Button>
                )}
              </Group>
            </Stack>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}

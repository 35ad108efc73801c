import { Grid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type TaskDetail, useTRPC } from "../trpc.ts";
import { ErrorView } from "../ui/error-view.tsx";
import { LoadingLines } from "../ui/loading.tsx";
import { ReportDutyForm, ReportDutyStatus } from "./report-duty.tsx";
import { type Report, ReportForm } from "./report-form.tsx";
import { ReportTimeline } from "./report-timeline.tsx";

/**
 * The reports of a task: the timeline (newest first), the form to file one for the lead or a
 * coordinating agency, the duty and how each agency stands, and for officers the duty form.
 */
export function TaskReports({ task }: { task: TaskDetail["task"] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const list = useQuery(trpc.report.list.queryOptions({ taskId: task.id }));
  const [correcting, setCorrecting] = useState<Report | null>(null);
  const [sent, setSent] = useState(0);

  const body = () => {
    if (list.isPending) return <LoadingLines lines={4} />;
    if (list.isError) return <ErrorView error={list.error} onRetry={() => void list.refetch()} />;
    const { permissions } = list.data;
    const ownAgency = permissions.reportingAgency?.agencyId;
    const canCorrect = (report: Report) =>
      permissions.canFileReport &&
      report.kind === "progress" &&
      report.agency.id === ownAgency &&
      report.correctedById === null;
    return (
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <ReportTimeline
            reports={list.data.reports}
            canCorrect={canCorrect}
            onCorrect={setCorrecting}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            {permissions.canFileReport && (
              <ReportForm
                key={`${correcting?.id ?? "new"}-${sent}`}
                task={task}
                list={list.data}
                correcting={correcting}
                onCancelCorrection={() => setCorrecting(null)}
                onDone={() => {
                  setCorrecting(null);
                  setSent((count) => count + 1);
                }}
              />
            )}
            <ReportDutyStatus list={list.data} />
            {permissions.canSetReportDuty && (
              <ReportDutyForm
                key={JSON.stringify(list.data.duty)}
                task={task}
                duty={list.data.duty}
              />
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    );
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="reports-title">
      <Stack gap={2}>
        <Title order={2} id="reports-title">
          {t("report.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("report.intro")}
        </Text>
      </Stack>
      {body()}
    </Stack>
  );
}

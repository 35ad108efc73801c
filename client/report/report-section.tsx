import { Grid, Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type TaskDetail, useTRPC } from "../trpc.ts";
import { QueryView } from "../ui/query-view.tsx";
import { Section } from "../ui/section.tsx";
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

  return (
    <Section title={t("report.title")} intro={t("report.intro")} anchor="reports">
      <QueryView query={list} lines={4}>
        {(data) => {
          const { permissions } = data;
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
                  reports={data.reports}
                  canCorrect={canCorrect}
                  onCorrect={setCorrecting}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 5 }}>
                <Stack gap="md">
                  {permissions.canFileReport && (
                    <div id="report-form">
                      <ReportForm
                        key={correcting?.id ?? "new"}
                        task={task}
                        list={data}
                        correcting={correcting}
                        onCancelCorrection={() => setCorrecting(null)}
                        onDone={() => setCorrecting(null)}
                      />
                    </div>
                  )}
                  <ReportDutyStatus list={data} />
                  {permissions.canSetReportDuty && (
                    <ReportDutyForm key={JSON.stringify(data.duty)} task={task} duty={data.duty} />
                  )}
                </Stack>
              </Grid.Col>
            </Grid>
          );
        }}
      </QueryView>
    </Section>
  );
}

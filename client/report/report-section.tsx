import { Grid, Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { lazy, useState } from "react";
import { useTranslation } from "react-i18next";
import { type TaskDetail, useTRPC } from "../trpc.ts";
import { FormSlot } from "../ui/form-slot.tsx";
import { QueryView } from "../ui/query-view.tsx";
import { Section } from "../ui/section.tsx";
import { ReportDutyStatus } from "./report-duty-status.tsx";
import type { Report } from "./report-form.tsx";
import { ReportTimeline } from "./report-timeline.tsx";

/** The forms' code (forms, zod, the date picker, the file picker) loads once the reports are shown. */
const ReportForm = lazy(async () => ({ default: (await import("./report-form.tsx")).ReportForm }));
const ReportDutyForm = lazy(async () => ({
  default: (await import("./report-duty.tsx")).ReportDutyForm,
}));

/** About the forms' heights (px, at 360 px wide), kept while their code loads. */
const REPORT_FORM_HEIGHT = 880;
const DUTY_FORM_HEIGHT = 430;

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
                      <FormSlot minHeight={REPORT_FORM_HEIGHT}>
                        <ReportForm
                          key={correcting?.id ?? "new"}
                          task={task}
                          list={data}
                          correcting={correcting}
                          onCancelCorrection={() => setCorrecting(null)}
                          onDone={() => setCorrecting(null)}
                        />
                      </FormSlot>
                    </div>
                  )}
                  <ReportDutyStatus list={data} />
                  {permissions.canSetReportDuty && (
                    <FormSlot minHeight={DUTY_FORM_HEIGHT}>
                      <ReportDutyForm
                        key={JSON.stringify(data.duty)}
                        task={task}
                        duty={data.duty}
                      />
                    </FormSlot>
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

import { Button } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { StatisticByAgencyInput } from "../../shared/statistic.ts";
import { useTRPC } from "../trpc.ts";
import { saveFile } from "../ui/save-file.ts";

/** "Tải báo cáo (.docx)": the report a leader signs, for the scope on the screen. */
export function ReportButton({ input }: { input: StatisticByAgencyInput }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const download = async () => {
    setPending(true);
    try {
      const report = await queryClient.fetchQuery({
        ...trpc.statistic.report.queryOptions(input),
        staleTime: 0,
      });
      saveFile(report.contentBase64, report.filename);
    } catch {
      notifications.show({ color: "red", message: t("statistics.reportFailed") });
    } finally {
      setPending(false);
    }
  };
  return (
    <Button variant="default" loading={pending} onClick={download}>
      {t("statistics.downloadReport")}
    </Button>
  );
}

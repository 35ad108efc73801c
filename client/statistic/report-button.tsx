import { Button } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { StatisticByAgencyInput } from "../../shared/statistic-input.ts";
import { useTRPC } from "../trpc.ts";
import { useFileDownload } from "../ui/save-file.ts";

/** "Tải báo cáo (.docx)": the report a leader signs, for the scope on the screen. */
export function ReportButton({ input }: { input: StatisticByAgencyInput }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { pending, download } = useFileDownload(
    () => queryClient.fetchQuery({ ...trpc.statistic.report.queryOptions(input), staleTime: 0 }),
    t("statistics.reportFailed"),
  );
  return (
    <Button variant="default" loading={pending} onClick={download}>
      {t("statistics.downloadReport")}
    </Button>
  );
}

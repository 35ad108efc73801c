import { Alert, Button, Group, Paper, Progress, Stack, Text } from "@mantine/core";
import { skipToken, useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../shared/date.ts";
import type { ExportStartInput } from "../../shared/export-input.ts";
import { useTRPC } from "../trpc.ts";
import { errorFacts } from "../ui/api-error.ts";
import { useStatisticFormat } from "./statistic-format.ts";

/** How often a running export is asked about. */
const POLL_MS = 500;

/**
 * "Xuất Excel": starts an export job for the filters on screen, shows its progress while the
 * server writes the file, then a plain download link (the session cookie goes with it). A job
 * belongs to the filters it was started with; changing the filters hides it.
 */
export function ExportButton({ request }: { request: ExportStartInput }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { count } = useStatisticFormat();
  const requestKey = JSON.stringify(request);
  const [job, setJob] = useState<{ id: string; requestKey: string } | null>(null);
  const start = useMutation(
    trpc.export.start.mutationOptions({
      onSuccess: ({ id }, variables) => setJob({ id, requestKey: JSON.stringify(variables) }),
    }),
  );
  const current = job !== null && job.requestKey === requestKey ? job : null;
  const status = useQuery({
    ...trpc.export.status.queryOptions(current ? { id: current.id } : skipToken),
    refetchInterval: (query) => (query.state.data?.state === "running" ? POLL_MS : false),
    staleTime: 0,
  });
  const running = start.isPending || status.data?.state === "running";
  const error = start.error ?? status.error;

  return (
    <Stack gap="xs">
      <Group gap="sm">
        <Button
          variant="light"
          loading={running}
          onClick={() => {
            setJob(null);
            start.mutate(request);
          }}
        >
          {t("export.button")}
        </Button>
      </Group>
      <div aria-live="polite">
        {error ? (
          <Alert color="red" variant="light" title={t("export.errorTitle")} role="alert">
            {errorFacts(error).message ?? t("problem.network")}
          </Alert>
        ) : start.isPending || (current !== null && status.isPending) ? (
          <Text size="sm">{t("export.starting")}</Text>
        ) : status.data?.state === "running" ? (
          <Paper withBorder p="sm" maw={420}>
            <Text size="sm" mb={6}>
              {t("export.running", {
                done: count(status.data.rowsDone),
                total: count(status.data.rowsTotal),
              })}
            </Text>
            <Progress
              value={
                status.data.rowsTotal === 0
                  ? 0
                  : (100 * status.data.rowsDone) / status.data.rowsTotal
              }
              striped
              animated
              aria-label={t("export.progressLabel")}
            />
          </Paper>
        ) : status.data?.state === "failed" ? (
          <Alert color="red" variant="light" title={t("export.errorTitle")} role="alert">
            {t("export.failed")}
          </Alert>
        ) : status.data?.state === "done" ? (
          <Paper withBorder p="sm" maw={520}>
            <Stack gap={6}>
              <Text size="sm">{t("export.done", { rows: count(status.data.rowsDone) })}</Text>
              <Group gap="sm">
                <Button
                  component="a"
                  href={status.data.downloadUrl}
                  download={status.data.filename}
                >
                  {t("export.download", { filename: status.data.filename })}
                </Button>
              </Group>
              <Text size="xs" c="dimmed">
                {t("export.expires", { time: formatDateTime(status.data.expiresAt) })}
              </Text>
            </Stack>
          </Paper>
        ) : null}
      </div>
    </Stack>
  );
}

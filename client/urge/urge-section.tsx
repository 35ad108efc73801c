import { Button, Group, Paper, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { vnDate } from "../../shared/date.ts";
import { type TaskDetail, useTRPC } from "../trpc.ts";
import { useFormatters } from "../ui/format.ts";
import { useFileDownload } from "../ui/save-file.ts";
import { Section } from "../ui/section.tsx";

/** A button that downloads one stored urging letter (.docx). */
export function LetterButton({ letter, label }: { letter: { id: number }; label: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { pending, download } = useFileDownload(
    () =>
      queryClient.fetchQuery({
        ...trpc.urge.letter.queryOptions({ id: letter.id }),
        staleTime: 0,
      }),
    t("urge.letterFailed"),
  );
  return (
    <Button variant="default" size="xs" loading={pending} onClick={download}>
      {label}
    </Button>
  );
}

/** "Đã đôn đốc 3 lần, lần gần nhất 12/11/2026", or "Chưa đôn đốc". */
export function UrgeSummaryText({ urge }: { urge: TaskDetail["urge"] }) {
  const { t } = useTranslation();
  const { date } = useFormatters();
  if (urge.lastAt === null) return <>{t("urge.never")}</>;
  return (
    <>
      {t("urge.summary", {
        count: urge.count,
        total: urge.count,
        date: date(vnDate(new Date(urge.lastAt))),
      })}
    </>
  );
}

/** The urges of a task, latest first: who, when, the message, the reply date, the letter. */
export function TaskUrges({ urges }: { urges: TaskDetail["urges"] }) {
  const { t } = useTranslation();
  const { date, dateTime } = useFormatters();
  if (urges.length === 0) return null;
  return (
    <Section title={t("urge.sectionTitle")} anchor="urges">
      <Stack gap="xs">
        {urges.map((urge) => (
          <Paper key={urge.id} withBorder p="sm">
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                {t("urge.by", {
                  date: dateTime(urge.at),
                  name: urge.by.fullName,
                  agency: urge.by.agencyShortName,
                })}
              </Text>
              <Text size="sm" style={{ whiteSpace: "pre-line" }}>
                {urge.message}
              </Text>
              <Group gap="sm" justify="space-between" wrap="wrap">
                <Text size="sm" c="dimmed">
                  {t("urge.replyByOn", { date: date(urge.replyBy) })}
                </Text>
                <LetterButton letter={{ id: urge.letterId }} label={t("urge.downloadTaskLetter")} />
              </Group>
            </Stack>
          </Paper>
        ))}
      </Stack>
    </Section>
  );
}

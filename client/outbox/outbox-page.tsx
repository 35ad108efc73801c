import { Badge, Code, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../trpc.ts";
import { EmptyView } from "../ui/empty-view.tsx";
import { useFormatters } from "../ui/format.ts";
import { PageTitle } from "../ui/page-title.tsx";
import { Pager } from "../ui/pager.tsx";
import { QueryView } from "../ui/query-view.tsx";
import { pageParam, useUrlState } from "../ui/url-state.ts";

const PAGE_SIZE = 20;

/** The outbox (administrators): each digest, to whom, and whether it went, waits or failed. */
export function OutboxPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { date, dateTime } = useFormatters();
  const { params } = useUrlState();
  const page = pageParam(params);
  const mail = useQuery(trpc.outbox.list.queryOptions({ page, pageSize: PAGE_SIZE }));
  return (
    <Stack gap="md">
      <PageTitle title={t("outbox.title")} />
      <div>
        <Title order={1}>{t("outbox.title")}</Title>
        <Text c="dimmed" size="sm">
          {t("outbox.intro")}
        </Text>
      </div>
      <QueryView query={mail} lines={6}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyView title={t("outbox.empty")} />
          ) : (
            <>
              {data.items.map((item) => (
                <Paper key={item.id} withBorder p="sm" component="article">
                  <Stack gap={4}>
                    <Group justify="space-between" gap="xs" wrap="wrap">
                      <Text fw={600} size="sm">
                        {item.subject}
                      </Text>
                      {item.sentAt !== null ? (
                        <Badge color="green" variant="light" tt="none">
                          {t("outbox.sent", { date: dateTime(item.sentAt) })}
                        </Badge>
                      ) : item.error !== null ? (
                        <Badge color="red" variant="light" tt="none">
                          {t("outbox.failed", { attempts: item.attempts, error: "" })}
                        </Badge>
                      ) : (
                        <Badge color="gray" variant="light" tt="none">
                          {t("outbox.waiting")}
                        </Badge>
                      )}
                    </Group>
                    <Text size="sm">
                      {t("outbox.to")}: {item.fullName} ({item.username}) &lt;{item.toAddress}
                      &gt; · {t("outbox.day")}: {date(item.digestDay)}
                    </Text>
                    {item.error !== null && item.sentAt === null && (
                      <Text size="sm" c="red.8">
                        {item.error}
                      </Text>
                    )}
                    <details>
                      <summary>{t("outbox.show")}</summary>
                      <Code block style={{ whiteSpace: "pre-wrap" }}>
                        {item.text}
                      </Code>
                    </details>
                  </Stack>
                </Paper>
              ))}
              <Pager pageSize={PAGE_SIZE} total={data.total} />
            </>
          )
        }
      </QueryView>
    </Stack>
  );
}

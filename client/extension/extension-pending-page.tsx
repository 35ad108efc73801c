import { Anchor, Grid, Paper, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useTRPC } from "../trpc.ts";
import { EmptyView } from "../ui/empty-view.tsx";
import { useFormatters } from "../ui/format.ts";
import { PageHeader } from "../ui/page-title.tsx";
import { QueryView } from "../ui/query-view.tsx";
import { ExtensionDecideForm } from "./extension-decide-form.tsx";
import { ExtensionDetails } from "./extension-item.tsx";

/**
 * The officers' list of pending extension requests on tasks their agency assigned, oldest first,
 * with a link to each task and the decision inline.
 */
export function ExtensionPendingPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { date, number } = useFormatters();
  const pending = useQuery(trpc.extension.pending.queryOptions());
  const title = t("extension.pendingTitle");

  return (
    <Stack gap="md">
      <PageHeader title={title} intro={t("extension.pendingIntro")} />
      <QueryView query={pending} lines={6}>
        {(data) =>
          data.length === 0 ? (
            <EmptyView
              title={t("extension.pendingEmpty")}
              description={t("extension.pendingEmptyHint")}
            />
          ) : (
            <Stack gap="sm">
              <Text fw={600} role="status">
                {t("extension.pendingCount", {
                  count: data.length,
                  total: number(data.length),
                })}
              </Text>
              <Stack component="ul" gap="md" m={0} p={0} style={{ listStyle: "none" }}>
                {data.map((item) => (
                  <Paper key={item.id} withBorder p="md" component="li">
                    <Grid gap="lg">
                      <Grid.Col span={{ base: 12, md: 7 }}>
                        <Stack gap="sm">
                          <Stack gap={2}>
                            <Title order={2} fz="h5">
                              <Anchor component={Link} to={`/tasks/${item.task.id}`} inherit>
                                {item.task.title}
                              </Anchor>
                            </Title>
                            <Text size="sm" c="dimmed">
                              {item.task.directiveNumber}
                              {item.task.clause && ` · ${item.task.clause}`} · {t("task.leadShort")}
                              : {item.agency.shortName}
                              {item.task.deadline !== null &&
                                ` · ${t("extension.dueNow", { date: date(item.task.deadline) })}`}
                            </Text>
                          </Stack>
                          <ExtensionDetails item={item} />
                        </Stack>
                      </Grid.Col>
                      <Grid.Col span={{ base: 12, md: 5 }}>
                        {item.canDecide ? (
                          <ExtensionDecideForm request={item} />
                        ) : (
                          <Text size="sm" c="dimmed">
                            {t("extension.cannotDecide")}
                          </Text>
                        )}
                      </Grid.Col>
                    </Grid>
                  </Paper>
                ))}
              </Stack>
            </Stack>
          )
        }
      </QueryView>
    </Stack>
  );
}

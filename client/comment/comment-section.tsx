import { Badge, Grid, Group, Paper, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { lazy, useState } from "react";
import { useTranslation } from "react-i18next";
import { EvidenceList } from "../evidence/evidence-list.tsx";
import { useTRPC } from "../trpc.ts";
import { WHOLE } from "../ui/badges.tsx";
import { FormSlot } from "../ui/form-slot.tsx";
import { useFormatters } from "../ui/format.ts";
import { QueryView } from "../ui/query-view.tsx";
import { Section } from "../ui/section.tsx";

/** The form's code (forms, zod, the file picker) loads once the comments are shown. */
const CommentForm = lazy(async () => ({
  default: (await import("./comment-form.tsx")).CommentForm,
}));

/** About the form's height (px, at 360 px wide), kept while its code loads. */
const COMMENT_FORM_HEIGHT = 420;

/**
 * The conversation on a task: everyone who may see it writes, mentions the agencies it concerns
 * and attaches files (a coordinating agency's contribution). Newest first.
 */
export function TaskComments({ taskId }: { taskId: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { dateTime } = useFormatters();
  const list = useQuery(trpc.comment.list.queryOptions({ taskId }));
  const [sent, setSent] = useState(0);

  return (
    <Section title={t("comment.title")} intro={t("comment.intro")} anchor="comments">
      <QueryView query={list} lines={3}>
        {(data) => (
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 7 }}>
              {data.items.length === 0 ? (
                <Text c="dimmed">{t("comment.none")}</Text>
              ) : (
                <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: "none" }}>
                  {[...data.items].reverse().map((comment) => (
                    <Paper key={comment.id} withBorder p="sm" component="li">
                      <Stack gap={6}>
                        <Text size="sm" fw={600}>
                          {comment.author.fullName}{" "}
                          <Text span size="sm" c="dimmed" fw={400}>
                            ({comment.agency.shortName}) ·{" "}
                            <time dateTime={comment.createdAt}>{dateTime(comment.createdAt)}</time>
                          </Text>
                        </Text>
                        {comment.mentions.length > 0 && (
                          <Group gap={4} aria-label={t("comment.mentioned")} role="group">
                            {comment.mentions.map((agency) => (
                              <Badge
                                key={agency.id}
                                color="grape"
                                variant="light"
                                tt="none"
                                styles={WHOLE}
                              >
                                @{agency.shortName}
                              </Badge>
                            ))}
                          </Group>
                        )}
                        <Text size="sm" style={{ whiteSpace: "pre-line" }}>
                          {comment.body}
                        </Text>
                        <EvidenceList files={comment.files} />
                      </Stack>
                    </Paper>
                  ))}
                </Stack>
              )}
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              {data.canComment && (
                <FormSlot minHeight={COMMENT_FORM_HEIGHT} whenReached>
                  <CommentForm
                    key={sent}
                    taskId={taskId}
                    mentionable={data.mentionable}
                    onDone={() => setSent((count) => count + 1)}
                  />
                </FormSlot>
              )}
            </Grid.Col>
          </Grid>
        )}
      </QueryView>
    </Section>
  );
}

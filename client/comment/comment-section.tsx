import { zodResolver } from "@hookform/resolvers/zod";
import { Badge, Button, Grid, Group, MultiSelect, Paper, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { commentCreateInput } from "../../shared/comment-input.ts";
import { EvidenceField } from "../evidence/evidence-field.tsx";
import { EvidenceList } from "../evidence/evidence-list.tsx";
import { type RouterOutputs, useTRPC } from "../trpc.ts";
import { WHOLE } from "../ui/badges.tsx";
import { FormAlert, FormPanel, useFieldError, useSubmit } from "../ui/form.tsx";
import { bindFields, TextareaField } from "../ui/form-fields.tsx";
import { useFormatters } from "../ui/format.ts";
import { useInvalidateTasks } from "../ui/invalidate.ts";
import { QueryView } from "../ui/query-view.tsx";
import { Section } from "../ui/section.tsx";

type CommentList = RouterOutputs["comment"]["list"];

const schema = commentCreateInput.omit({ taskId: true });
type Values = z.input<typeof schema>;
const FIELDS = ["body", "mentionAgencyIds", "fileIds"] as const;

function CommentForm({
  taskId,
  mentionable,
  onDone,
}: {
  taskId: number;
  mentionable: CommentList["mentionable"];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const fieldError = useFieldError();
  const invalidate = useInvalidateTasks();
  const form = useForm<Values, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { body: "", mentionAgencyIds: [], fileIds: [] },
  });
  const bind = bindFields(form);
  const create = useMutation(trpc.comment.create.mutationOptions());
  const { onSubmit, serverError } = useSubmit(form, FIELDS, async (values) => {
    await create.mutateAsync({ ...values, taskId });
    await invalidate();
    notifications.show({ color: "green", message: t("comment.sent") });
    onDone();
  });
  return (
    <FormPanel title={t("comment.formTitle")} onSubmit={onSubmit}>
      <FormAlert message={serverError.message} />
      <TextareaField {...bind("body")} label={t("comment.body")} required minRows={3} />
      <Controller
        control={form.control}
        name="mentionAgencyIds"
        render={({ field, fieldState }) => (
          <MultiSelect
            label={t("comment.mentions")}
            description={t("comment.mentionsHint")}
            data={mentionable.map((agency) => ({ value: String(agency.id), label: agency.name }))}
            value={(field.value ?? []).map(String)}
            onChange={(values) => field.onChange(values.map(Number))}
            onBlur={field.onBlur}
            ref={field.ref}
            name={field.name}
            searchable
            clearable
            hidePickedOptions
            error={fieldError(fieldState.error)}
            comboboxProps={{ withinPortal: true }}
          />
        )}
      />
      <EvidenceField {...bind("fileIds")} />
      <div>
        <Button type="submit" variant="light" loading={create.isPending}>
          {t("comment.submit")}
        </Button>
      </div>
    </FormPanel>
  );
}

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
                <CommentForm
                  key={sent}
                  taskId={taskId}
                  mentionable={data.mentionable}
                  onDone={() => setSent((count) => count + 1)}
                />
              )}
            </Grid.Col>
          </Grid>
        )}
      </QueryView>
    </Section>
  );
}

import { zodResolver } from "@hookform/resolvers/zod";
import {
  Badge,
  Button,
  Grid,
  Group,
  MultiSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { commentCreateInput } from "../../shared/comment.ts";
import { EvidenceList } from "../evidence/evidence-list.tsx";
import { EvidenceUpload } from "../evidence/evidence-upload.tsx";
import { type RouterOutputs, useTRPC } from "../trpc.ts";
import { ErrorView } from "../ui/error-view.tsx";
import { applyServerError, FormAlert, useFieldError } from "../ui/form.tsx";
import { useFormatters } from "../ui/format.ts";
import { useInvalidateTasks } from "../ui/invalidate.ts";
import { LoadingLines } from "../ui/loading.tsx";

type CommentList = RouterOutputs["comment"]["list"];

/** Badges keep their whole text. */
const WHOLE = { root: { maxWidth: "none", overflow: "visible" }, label: { overflow: "visible" } };

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
  const [serverError, setServerError] = useState<string | null>(null);
  const form = useForm<Values, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { body: "", mentionAgencyIds: [], fileIds: [] },
  });
  const { errors } = form.formState;
  const create = useMutation(trpc.comment.create.mutationOptions());
  const onSubmit = form.handleSubmit((values) => {
    setServerError(null);
    create.mutate(
      { ...values, taskId },
      {
        onSuccess: async () => {
          await invalidate();
          notifications.show({ color: "green", message: t("comment.sent") });
          onDone();
        },
        onError: (error) => setServerError(applyServerError(error, form.setError, FIELDS)),
      },
    );
  });
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      noValidate
      onSubmit={onSubmit}
      aria-labelledby="comment-form-title"
    >
      <Stack gap="sm">
        <Title order={3} fz="h4" id="comment-form-title">
          {t("comment.formTitle")}
        </Title>
        <FormAlert message={serverError} />
        <Textarea
          label={t("comment.body")}
          required
          autosize
          minRows={3}
          error={fieldError(errors.body)}
          {...form.register("body")}
        />
        <Controller
          control={form.control}
          name="mentionAgencyIds"
          render={({ field }) => (
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
              error={fieldError(errors.mentionAgencyIds)}
              comboboxProps={{ withinPortal: true }}
            />
          )}
        />
        <Controller
          control={form.control}
          name="fileIds"
          render={({ field }) => (
            <EvidenceUpload
              onChange={field.onChange}
              buttonRef={field.ref}
              error={fieldError(errors.fileIds)}
            />
          )}
        />
        <div>
          <Button type="submit" variant="light" loading={create.isPending}>
            {t("comment.submit")}
          </Button>
        </div>
      </Stack>
    </Paper>
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

  const body = () => {
    if (list.isPending) return <LoadingLines lines={3} />;
    if (list.isError) return <ErrorView error={list.error} onRetry={() => void list.refetch()} />;
    const newestFirst = [...list.data.items].reverse();
    return (
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          {newestFirst.length === 0 ? (
            <Text c="dimmed">{t("comment.none")}</Text>
          ) : (
            <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: "none" }}>
              {newestFirst.map((comment) => (
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
          {list.data.canComment && (
            <CommentForm
              key={sent}
              taskId={taskId}
              mentionable={list.data.mentionable}
              onDone={() => setSent((count) => count + 1)}
            />
          )}
        </Grid.Col>
      </Grid>
    );
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="comments-title">
      <Stack gap={2}>
        <Title order={2} id="comments-title">
          {t("comment.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("comment.intro")}
        </Text>
      </Stack>
      {body()}
    </Stack>
  );
}

import { Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { lazy, useState } from "react";
import { useTranslation } from "react-i18next";
import { type TaskDetail, useTRPC } from "../trpc.ts";
import { FormSlot } from "../ui/form-slot.tsx";
import { QueryView } from "../ui/query-view.tsx";
import { ExtensionItem } from "./extension-item.tsx";

/** The forms' code (forms, zod, the date picker): the request's when it opens, the decision's when shown. */
const ExtensionRequestForm = lazy(async () => ({
  default: (await import("./extension-request-form.tsx")).ExtensionRequestForm,
}));
const ExtensionDecideForm = lazy(async () => ({
  default: (await import("./extension-decide-form.tsx")).ExtensionDecideForm,
}));

/** About the forms' heights (px, at 360 px wide), kept while their code loads. */
const REQUEST_FORM_HEIGHT = 278;
const DECIDE_FORM_HEIGHT = 240;

/**
 * Deadline extensions of a task: the lead agency asks for a later deadline with a reason; the
 * requests with their status; officers who may decide approve or reject a pending one here.
 */
export function TaskExtensions({ task }: { task: TaskDetail["task"] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const list = useQuery(trpc.extension.list.queryOptions({ taskId: task.id }));
  const [asking, setAsking] = useState(false);

  return (
    <QueryView query={list} lines={3}>
      {({ items, canRequest }) =>
        items.length === 0 && !canRequest && task.deadline === null ? null : (
          <Paper
            withBorder
            p="md"
            component="section"
            aria-labelledby="extensions-title"
            id="extensions"
          >
            <Stack gap="sm">
              <Title order={2} fz="h4" id="extensions-title">
                {t("extension.title")}
              </Title>
              {canRequest &&
                (asking ? (
                  <FormSlot minHeight={REQUEST_FORM_HEIGHT}>
                    <ExtensionRequestForm task={task} onDone={() => setAsking(false)} />
                  </FormSlot>
                ) : (
                  <Group gap="sm">
                    <Button variant="light" onClick={() => setAsking(true)}>
                      {t("extension.requestOpen")}
                    </Button>
                    <Text size="xs" c="dimmed" style={{ flex: "1 1 200px" }}>
                      {t("extension.requestHint")}
                    </Text>
                  </Group>
                ))}
              {items.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t("extension.none")}
                </Text>
              ) : (
                <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: "none" }}>
                  {items.map((item) => (
                    <ExtensionItem key={item.id} item={item}>
                      {item.canDecide && (
                        <FormSlot minHeight={DECIDE_FORM_HEIGHT}>
                          <ExtensionDecideForm request={item} />
                        </FormSlot>
                      )}
                    </ExtensionItem>
                  ))}
                </Stack>
              )}
            </Stack>
          </Paper>
        )
      }
    </QueryView>
  );
}

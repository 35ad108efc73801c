import { Button, Group, Popover, ScrollArea, Stack, Text, UnstyledButton } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { formatDate } from "../../shared/date.ts";
import { type RouterOutputs, useTRPC } from "../trpc.ts";
import { useFormatters } from "./format.ts";

type Item = RouterOutputs["notification"]["list"][number];

/** The class names of the header's stylesheet (passed in: see bell.tsx). */
type BellClasses = { bell?: string; head?: string; item?: string };

function NotificationRow({
  item,
  onOpen,
  className,
}: {
  item: Item;
  onOpen: (item: Item) => void;
  className: string | undefined;
}) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const unread = item.readAt === null;
  return (
    <UnstyledButton className={className} data-unread={unread} onClick={() => onOpen(item)}>
      <Text size="sm" fw={unread ? 700 : 400}>
        {t(`notification.${item.kind}`, {
          days: item.days ?? 0,
          date: item.onDay ? formatDate(item.onDay) : "",
        })}
      </Text>
      <Text size="sm" lineClamp={2}>
        {item.task.directiveNumber}
        {item.task.clause && ` · ${item.task.clause}`}: {item.task.title}
      </Text>
      <Text size="xs" c="dimmed">
        {unread && `${t("bell.unread")} · `}
        {dateTime(item.createdAt)}
      </Text>
    </UnstyledButton>
  );
}

/** The bell, opened at once (it was clicked to fetch this): the latest notifications. */
export function BellPopup({
  label,
  unread,
  face,
  classNames,
}: {
  label: string;
  unread: number;
  face: ReactNode;
  classNames: BellClasses;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(true);
  const list = useQuery({ ...trpc.notification.list.queryOptions({}), enabled: opened });
  const markRead = useMutation(
    trpc.notification.markRead.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.notification.pathKey() }),
    }),
  );
  const open = (item: Item) => {
    if (item.readAt === null) markRead.mutate({ ids: [item.id] });
    setOpened(false);
    void navigate(`/tasks/${item.task.id}`);
  };
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width={360}
      withinPortal
      trapFocus
      shadow="md"
    >
      <Popover.Target>
        <UnstyledButton
          className={classNames.bell}
          aria-label={label}
          aria-haspopup="dialog"
          aria-expanded={opened}
          onClick={() => setOpened((now) => !now)}
        >
          {face}
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown role="dialog" aria-label={t("bell.title")} p={0}>
        <Group justify="space-between" p="xs" className={classNames.head}>
          <Text fw={700} size="sm">
            {t("bell.title")}
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={unread === 0}
            loading={markRead.isPending}
            onClick={() => markRead.mutate({})}
          >
            {t("bell.markAllRead")}
          </Button>
        </Group>
        <ScrollArea.Autosize mah="60vh" type="auto">
          <Stack gap={0}>
            {list.isPending ? (
              <Text size="sm" p="sm">
                {t("bell.loading")}
              </Text>
            ) : list.data?.length ? (
              list.data.map((item) => (
                <NotificationRow
                  key={item.id}
                  item={item}
                  onOpen={open}
                  className={classNames.item}
                />
              ))
            ) : (
              <Text size="sm" p="sm">
                {t("bell.empty")}
              </Text>
            )}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}

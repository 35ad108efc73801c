import { Button } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../shared/date.ts";
import { type RouterOutputs, useTRPC } from "../trpc.ts";
import { Byline, InboxItem, InboxSection, ItemBadge, taskPlace } from "./inbox-section.tsx";

type Unread = RouterOutputs["inbox"]["view"]["notifications"];

/** Marks notifications read, then refreshes the inbox and the bell. */
function useMarkRead() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.notification.markRead.mutationOptions({
      onSettled: async () => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.inbox.pathFilter()),
          queryClient.invalidateQueries(trpc.notification.pathFilter()),
        ]);
      },
    }),
  );
}

/** The notifications not yet read: the same items as the bell, each opening its task. */
export function NotificationSection({ unread }: { unread: Unread }) {
  const { t } = useTranslation();
  const markRead = useMarkRead();
  return (
    <InboxSection
      title={t("inbox.notifications.title")}
      intro={t("inbox.notifications.intro")}
      total={unread.total}
      shown={unread.items.length}
      action={
        <Button
          size="compact-sm"
          variant="subtle"
          loading={markRead.isPending}
          onClick={() => markRead.mutate({})}
        >
          {t("bell.markAllRead")}
        </Button>
      }
    >
      {unread.items.map((item) => (
        <InboxItem
          key={item.id}
          title={item.task.title}
          to={`/tasks/${item.task.id}`}
          meta={taskPlace(item.task)}
          badges={
            <ItemBadge color={item.kind === "urged" ? "orange" : "blue"}>
              {t(`notification.${item.kind}`, {
                days: item.days ?? 0,
                date: item.onDay ? formatDate(item.onDay) : "",
              })}
            </ItemBadge>
          }
          actions={
            <Button
              size="compact-sm"
              variant="default"
              onClick={() => markRead.mutate({ ids: [item.id] })}
              aria-label={t("inbox.notifications.readLabel", { title: item.task.title })}
            >
              {t("inbox.notifications.read")}
            </Button>
          }
        >
          <Byline person={null} at={item.createdAt} />
        </InboxItem>
      ))}
    </InboxSection>
  );
}

import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Children, type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { InboxSeenKind } from "../../shared/inbox.ts";
import { useTRPC } from "../trpc.ts";
import { errorFacts } from "../ui/api-error.ts";
import { WHOLE } from "../ui/badges.tsx";
import { useFormatters } from "../ui/format.ts";
import classes from "./inbox.module.css";

/** A section lists this many items, and the rest on request. */
const FIRST_ITEMS = 5;

/**
 * One kind of thing to do: its heading with how many there are, what it holds, its first items
 * (the rest on request, or "none"), and when the server cut the list, how many more there are
 * and where they all are.
 */
export function InboxSection({
  title,
  intro,
  total,
  toDo = total,
  shown,
  moreTo,
  action,
  children,
}: {
  title: string;
  intro: string;
  /** How many items there are in all. */
  total: number;
  /** How many of them are still to do (the number beside the heading); all by default. */
  toDo?: number;
  /** How many are listed here. */
  shown: number;
  /** The page listing them all, when the inbox shows only the first ones. */
  moreTo?: string;
  /** A button for the whole section ("Đã xem tất cả"). */
  action?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { number } = useFormatters();
  const id = useId();
  const [expanded, setExpanded] = useState(false);
  const items = Children.toArray(children);
  const hidden = expanded ? 0 : Math.max(0, items.length - FIRST_ITEMS);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <div className={classes.sectionHead}>
            <Title order={2} fz="h4" id={id}>
              {title}{" "}
              <Badge
                component="span"
                variant={toDo > 0 ? "filled" : "light"}
                color={toDo > 0 ? "red" : "gray"}
                styles={WHOLE}
                aria-label={t("inbox.sectionCount", { count: toDo, total: number(toDo) })}
              >
                {number(toDo)}
              </Badge>
            </Title>
            <Text size="sm" c="dimmed">
              {intro}
            </Text>
          </div>
          {total > 0 && action}
        </Group>
        {total === 0 ? (
          <Text size="sm" c="dimmed">
            {t("inbox.sectionEmpty")}
          </Text>
        ) : (
          <Stack component="ul" gap="sm" className={classes.list}>
            {hidden > 0 ? items.slice(0, FIRST_ITEMS) : items}
          </Stack>
        )}
        {hidden > 0 && (
          <div>
            <Button variant="subtle" size="compact-sm" onClick={() => setExpanded(true)}>
              {t("inbox.showMore", { count: hidden, total: number(hidden) })}
            </Button>
          </div>
        )}
        {total > shown && (
          <Text size="sm">
            {t("inbox.more", { count: total - shown, total: number(total - shown) })}
            {moreTo && (
              <>
                {" "}
                <Anchor component={Link} to={moreTo}>
                  {t("inbox.seeAll")}
                </Anchor>
              </>
            )}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * One thing to do: where it is (badges, the task as a link to the place to act), what it says,
 * and the buttons to act on it here.
 */
export function InboxItem({
  badges,
  title,
  to,
  meta,
  children,
  actions,
}: {
  badges?: ReactNode;
  title: string;
  /** Where the user acts on it. */
  to: string;
  /** The directive, clause and agency, under the title. */
  meta?: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Paper component="li" withBorder p="sm" className={classes.item}>
      <Stack gap={6}>
        {badges && <Group gap={6}>{badges}</Group>}
        <Anchor component={Link} to={to} fw={600} className={classes.title}>
          {title}
        </Anchor>
        {meta && (
          <Text size="sm" c="dimmed">
            {meta}
          </Text>
        )}
        {children}
        {actions && (
          <Group gap="xs" mt={4}>
            {actions}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** "06/CT-TTg · Mục 6.6": where a task sits, under its title. */
export function taskPlace(task: { directiveNumber: string; clause: string }): string {
  return task.clause === "" ? task.directiveNumber : `${task.directiveNumber} · ${task.clause}`;
}

/** Who wrote or decided it, and when: "Nguyễn Văn An (Bộ Công Thương) · 24/11/2026 09:15". */
export function Byline({
  person,
  at,
}: {
  person: { fullName: string; agencyShortName: string } | null;
  at: string | null;
}) {
  const { dateTime } = useFormatters();
  const parts = [
    person ? `${person.fullName} (${person.agencyShortName})` : null,
    at === null ? null : dateTime(at),
  ].filter((part) => part !== null);
  return (
    <Text size="xs" c="dimmed">
      {parts.join(" · ")}
    </Text>
  );
}

/** A small badge of an inbox item. */
export function ItemBadge({ color, children }: { color: string; children: ReactNode }) {
  return (
    <Badge color={color} variant="light" tt="none" styles={WHOLE}>
      {children}
    </Badge>
  );
}

/** Marks inbox items as seen, then refreshes the inbox (and the count in the menu). */
export function useMarkSeen() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mark = useMutation(
    trpc.inbox.markSeen.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.inbox.pathFilter());
        notifications.show({ color: "green", message: t("inbox.seenDone") });
      },
      onError: (error) => {
        notifications.show({
          color: "red",
          message: errorFacts(error).message ?? t("problem.network"),
        });
      },
    }),
  );
  return {
    pending: mark.isPending,
    mark: (kind: InboxSeenKind, ids: readonly number[]) => mark.mutate({ kind, ids: [...ids] }),
  };
}

/** "Đã xem" for one item, named by it for screen readers. */
export function SeenButton({
  kind,
  id,
  label,
}: {
  kind: InboxSeenKind;
  id: number;
  /** What the item is, for the button's name. */
  label: string;
}) {
  const { t } = useTranslation();
  const seen = useMarkSeen();
  return (
    <Button
      size="compact-sm"
      variant="default"
      loading={seen.pending}
      onClick={() => seen.mark(kind, [id])}
      aria-label={t("inbox.seenLabel", { title: label })}
    >
      {t("inbox.seen")}
    </Button>
  );
}

/** "Đã xem tất cả" for the items of a section. */
export function AllSeenButton({ kind, ids }: { kind: InboxSeenKind; ids: readonly number[] }) {
  const { t } = useTranslation();
  const seen = useMarkSeen();
  return (
    <Button
      size="compact-sm"
      variant="subtle"
      loading={seen.pending}
      onClick={() => seen.mark(kind, ids)}
    >
      {t("inbox.allSeen")}
    </Button>
  );
}

/** A button-looking link to the place where the user acts; `label` names it for screen readers. */
export function ActLink({
  to,
  label,
  children,
}: {
  to: string;
  label?: string;
  children: ReactNode;
}) {
  return (
    <Button component={Link} to={to} size="compact-sm" variant="light" aria-label={label}>
      {children}
    </Button>
  );
}

import { Badge, type MantineColor, Paper, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ExtensionStatus } from "../../shared/extension.ts";
import type { RouterOutputs } from "../trpc.ts";
import { WHOLE } from "../ui/badges.tsx";
import { useFormatters } from "../ui/format.ts";

export type Extension = RouterOutputs["extension"]["list"]["items"][number];

const STATUS_COLORS: Record<ExtensionStatus, MantineColor> = {
  pending: "orange",
  approved: "green",
  rejected: "red",
};

export function ExtensionStatusBadge({ status }: { status: ExtensionStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" tt="none" styles={WHOLE}>
      {t(`extensionStatus.${status}`)}
    </Badge>
  );
}

/** What was asked and why, and what was decided. */
export function ExtensionDetails({ item }: { item: Omit<Extension, "canDecide"> }) {
  const { t } = useTranslation();
  const { date, dateTime } = useFormatters();
  return (
    <Stack gap={6}>
      <div>
        <ExtensionStatusBadge status={item.status} />
      </div>
      <Text size="sm">
        {t("extension.asked", {
          requested: date(item.requestedDeadline),
          current: date(item.currentDeadline),
        })}
      </Text>
      <div>
        <Text size="sm" fw={600}>
          {t("extension.reason")}
        </Text>
        <Text size="sm" style={{ whiteSpace: "pre-line" }}>
          {item.reason}
        </Text>
      </div>
      <Text size="xs" c="dimmed">
        {item.requestedBy.fullName} ({item.requestedBy.agencyShortName}) ·{" "}
        <time dateTime={item.requestedAt}>{dateTime(item.requestedAt)}</time>
      </Text>
      {item.status !== "pending" && (
        <Stack gap={4} pl="sm" style={{ borderLeft: "3px solid var(--mantine-color-gray-4)" }}>
          <Text size="sm" fw={600}>
            {item.status === "approved" && item.approvedDeadline !== null
              ? t("extension.approvedTo", { date: date(item.approvedDeadline) })
              : t("extension.rejectedText")}
          </Text>
          {item.decisionNote !== "" && (
            <Text size="sm" style={{ whiteSpace: "pre-line" }}>
              {item.decisionNote}
            </Text>
          )}
          {item.decidedBy && item.decidedAt && (
            <Text size="xs" c="dimmed">
              {item.decidedBy.fullName} ({item.decidedBy.agencyShortName}) ·{" "}
              <time dateTime={item.decidedAt}>{dateTime(item.decidedAt)}</time>
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}

/** One request as a list item, with what the viewer may do with it (`children`). */
export function ExtensionItem({
  item,
  children,
}: {
  item: Omit<Extension, "canDecide">;
  children?: ReactNode;
}) {
  return (
    <Paper withBorder p="sm" component="li">
      <Stack gap="sm">
        <ExtensionDetails item={item} />
        {children}
      </Stack>
    </Paper>
  );
}

import { Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { PAGE_HEADINGS } from "../../shared/page-heading.ts";
import { useTRPC } from "../trpc.ts";
import { useCurrentUser } from "../ui/current-user.tsx";
import { useFormatters } from "../ui/format.ts";
import { PageHeader } from "../ui/page-title.tsx";
import { QueryView } from "../ui/query-view.tsx";
import { AdminInboxView } from "./admin-inbox.tsx";
import { LeaderInboxView } from "./leader-inbox.tsx";
import { NotificationSection } from "./notification-section.tsx";
import { OfficerInboxView } from "./officer-inbox.tsx";
import { ReporterInboxView } from "./reporter-inbox.tsx";

/**
 * "Việc cần làm", the page every user lands on: what they owe today, by role, each item linking
 * to the place to act (issue 8).
 */
export function InboxPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const user = useCurrentUser();
  const { date, number } = useFormatters();
  const inbox = useQuery(trpc.inbox.view.queryOptions());
  const heading = PAGE_HEADINGS.inbox(user.role);

  return (
    <Stack gap="md">
      <PageHeader
        title={t(heading.title)}
        intro={t(heading.intro, { agency: user.agencyName, date: date(user.today) })}
      >
        {inbox.data && (
          <Text fw={600} role="status">
            {inbox.data.count === 0
              ? t("inbox.nothing")
              : t("inbox.count", { count: inbox.data.count, total: number(inbox.data.count) })}
          </Text>
        )}
      </PageHeader>
      <QueryView query={inbox} lines={8}>
        {(data) => (
          <>
            {data.role !== "admin" && <NotificationSection unread={data.notifications} />}
            {data.role === "reporter" && <ReporterInboxView inbox={data} />}
            {data.role === "officer" && <OfficerInboxView inbox={data} />}
            {data.role === "leader" && <LeaderInboxView inbox={data} />}
            {data.role === "admin" && <AdminInboxView inbox={data} />}
          </>
        )}
      </QueryView>
    </Stack>
  );
}

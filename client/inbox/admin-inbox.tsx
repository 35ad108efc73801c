import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { AGENCY_ENDING_DAYS } from "../../shared/inbox.ts";
import type { RouterOutputs } from "../trpc.ts";
import { useFormatters } from "../ui/format.ts";
import { AllSeenButton, InboxItem, InboxSection, ItemBadge, SeenButton } from "./inbox-section.tsx";

type AdminInbox = Extract<RouterOutputs["inbox"]["view"], { role: "admin" }>;

/** An administrator looks at accounts locked or never used, and agencies about to end. */
export function AdminInboxView({ inbox }: { inbox: AdminInbox }) {
  const { t } = useTranslation();
  const { date, number } = useFormatters();
  const { accounts, agencies } = inbox.sections;

  return (
    <>
      <InboxSection
        title={t("inbox.accountsTitle")}
        intro={t("inbox.accountsIntro")}
        total={accounts.total}
        shown={accounts.items.length}
        moreTo="/admin/users"
        action={<AllSeenButton kind="account" ids={accounts.items.map((item) => item.id)} />}
      >
        {accounts.items.map((account) => (
          <InboxItem
            key={account.id}
            badges={
              <>
                {!account.isActive && <ItemBadge color="red">{t("inbox.locked")}</ItemBadge>}
                {account.neverUsed && <ItemBadge color="orange">{t("inbox.neverUsed")}</ItemBadge>}
              </>
            }
            title={`${account.fullName} (${account.username})`}
            to="/admin/users"
            meta={`${t(`role.${account.role}`)} · ${account.agencyShortName} · ${t(
              "inbox.createdOn",
              { date: date(account.createdAt.slice(0, 10)) },
            )}`}
            actions={<SeenButton kind="account" id={account.id} label={account.username} />}
          />
        ))}
      </InboxSection>

      <InboxSection
        title={t("inbox.agenciesEndingTitle")}
        intro={t("inbox.agenciesEndingIntro", { days: AGENCY_ENDING_DAYS })}
        total={agencies.total}
        shown={agencies.items.length}
        action={<AllSeenButton kind="agency" ids={agencies.items.map((item) => item.agency.id)} />}
      >
        {agencies.items.map((item) => (
          <InboxItem
            key={item.agency.id}
            badges={
              <ItemBadge color="orange">
                {t("inbox.endsOn", { date: date(item.validTo) })}
              </ItemBadge>
            }
            title={item.agency.name}
            to="/admin/users"
            actions={<SeenButton kind="agency" id={item.agency.id} label={item.agency.name} />}
          >
            <Text size="sm">
              {item.successor
                ? t("inbox.successor", { name: item.successor.name })
                : t("inbox.noSuccessor")}
            </Text>
            <Text size="sm">
              {t("inbox.activeUsers", {
                count: item.activeUsers,
                total: number(item.activeUsers),
              })}
            </Text>
          </InboxItem>
        ))}
      </InboxSection>
    </>
  );
}

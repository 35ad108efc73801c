import { Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useCurrentUser, useToday } from "../ui/current-user.tsx";
import classes from "./statistic-print.module.css";

/**
 * The top of a printed report in the layout of Decree 30/2020/NĐ-CP, as the .docx has it: the
 * issuing body (the user's agency) and "Số: ……/BC-…" left blank for the clerk on the left; the
 * national name, the motto and the place and date on the right.
 */
export function DocumentHeader({ symbol }: { symbol: string }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const year = useToday().slice(0, 4);
  return (
    <div className={classes.documentHeader}>
      <Stack gap={2} align="center">
        <Text fw={700} tt="uppercase">
          {user.agencyName}
        </Text>
        <Text>{t("report.number", { symbol })}</Text>
      </Stack>
      <Stack gap={2} align="center">
        <Text fw={700}>{t("report.nationalName")}</Text>
        <Text fw={700} className={classes.motto}>
          {t("report.motto")}
        </Text>
        <Text fs="italic">{t("report.placeAndDate", { place: t("report.place"), year })}</Text>
      </Stack>
    </div>
  );
}

/** The end of a printed report: "Nơi nhận" on the left, the signer on the right. */
export function DocumentFooter() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <div className={classes.documentFooter}>
      <Stack gap={0}>
        <Text fw={700} fs="italic" size="sm">
          {t("report.recipientsTitle")}
        </Text>
        <Text size="sm">- {t("report.recipients.above")}</Text>
        <Text size="sm">- {t("report.recipients.leaders")}</Text>
        <Text size="sm">- {t("report.recipients.archive")}</Text>
      </Stack>
      <Stack gap={2} align="center">
        <Text fw={700} tt="uppercase">
          {t("report.authority")}
        </Text>
        <Text size="sm" fs="italic" className={classes.signHint}>
          {t("report.signHint")}
        </Text>
        <Text fw={700}>{user.fullName}</Text>
      </Stack>
    </div>
  );
}

import { Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import classes from "./page-title.module.css";

/** The document title of a page (React hoists <title> into <head>). */
export function PageTitle({ title }: { title: string }) {
  const { t } = useTranslation();
  return <title>{`${title} · ${t("app.name")}`}</title>;
}

/**
 * The top of a page: its title (in the browser's tab too), the page's actions beside it (after the
 * introduction on a phone), what the page shows (`intro`) and any further lines about it.
 */
export function PageHeader({
  title,
  intro,
  actions,
  children,
}: {
  title: string;
  intro?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className={classes.header}>
      <PageTitle title={title} />
      <Title order={1} className={classes.title}>
        {title}
      </Title>
      {actions ? <div className={classes.actions}>{actions}</div> : null}
      {intro !== undefined && (
        <Text c="dimmed" className={classes.intro}>
          {intro}
        </Text>
      )}
      {children ? <div className={classes.more}>{children}</div> : null}
    </div>
  );
}

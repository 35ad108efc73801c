import { Anchor, Breadcrumbs, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import classes from "./crumbs.module.css";

/**
 * Where the page sits: links up to its parents, the page itself last. The crumbs wrap on a
 * narrow screen and a long title is cut (its whole text in the tooltip).
 */
export function Crumbs({ items }: { items: readonly { label: string; to?: string }[] }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("layout.breadcrumbs")}>
      <Breadcrumbs separator="›" separatorMargin={6} className={classes.root}>
        {items.map((item) =>
          item.to ? (
            <Anchor
              key={item.label}
              component={Link}
              to={item.to}
              size="sm"
              className={classes.crumb}
              title={item.label}
            >
              {item.label}
            </Anchor>
          ) : (
            <Text
              key={item.label}
              size="sm"
              c="dimmed"
              aria-current="page"
              className={classes.crumb}
              title={item.label}
            >
              {item.label}
            </Text>
          ),
        )}
      </Breadcrumbs>
    </nav>
  );
}

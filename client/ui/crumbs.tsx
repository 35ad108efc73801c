import { Anchor, Breadcrumbs, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** Where the page sits: links up to its parents, the page itself last. */
export function Crumbs({ items }: { items: readonly { label: string; to?: string }[] }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("layout.breadcrumbs")}>
      <Breadcrumbs separator="›" separatorMargin={6} style={{ flexWrap: "wrap" }}>
        {items.map((item) =>
          item.to ? (
            <Anchor key={item.label} component={Link} to={item.to} size="sm">
              {item.label}
            </Anchor>
          ) : (
            <Text key={item.label} size="sm" c="dimmed" aria-current="page" lineClamp={1}>
              {item.label}
            </Text>
          ),
        )}
      </Breadcrumbs>
    </nav>
  );
}

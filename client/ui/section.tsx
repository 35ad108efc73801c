import { Stack, Text, Title } from "@mantine/core";
import { type ReactNode, useId } from "react";

/**
 * A part of a page: its heading (smaller with `size="h3"`), what it holds (`intro`: a line of
 * text, or lines of one's own), then the part itself. `anchor` lets a link open the page there
 * (`/tasks/12#reports`).
 */
export function Section({
  title,
  intro,
  size,
  anchor,
  children,
}: {
  title: string;
  intro?: ReactNode;
  size?: "h3";
  anchor?: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <Stack gap="sm" component="section" aria-labelledby={id} id={anchor}>
      <div>
        <Title order={2} id={id} size={size}>
          {title}
        </Title>
        {typeof intro === "string" ? (
          <Text size="sm" c="dimmed">
            {intro}
          </Text>
        ) : (
          intro
        )}
      </div>
      {children}
    </Stack>
  );
}

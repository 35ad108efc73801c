import { Stack, Text, Title } from "@mantine/core";
import { type ReactNode, useId } from "react";

/** A part of a page: its heading, a line on what it holds, then the part itself. */
export function Section({
  title,
  intro,
  children,
}: {
  title: string;
  intro: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Stack gap={2}>
        <Title order={2} id={id}>
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {intro}
        </Text>
      </Stack>
      {children}
    </Stack>
  );
}

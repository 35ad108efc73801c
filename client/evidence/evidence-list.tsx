import { Anchor, Group, List, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { EVIDENCE_TYPES } from "../../shared/evidence.ts";
import { useFileSize } from "./file-size.ts";
import type { EvidenceFile } from "./upload.ts";

/** What kind of file it is, in a word ("PDF", "Word"). */
export function evidenceKind(mime: string): string {
  return EVIDENCE_TYPES.find((type) => type.mime === mime)?.label ?? mime;
}

/**
 * The files attached to a report or a comment, each a download link to /files/:id (the server
 * lets only those who may see the task download it).
 */
export function EvidenceList({ files }: { files: readonly EvidenceFile[] }) {
  const { t } = useTranslation();
  const size = useFileSize();
  if (files.length === 0) return null;
  return (
    <div>
      <Text size="sm" fw={600}>
        {t("evidence.attached", { count: files.length })}
      </Text>
      <List size="sm" spacing={4} listStyleType="none" ml={0} pl={0}>
        {files.map((file) => (
          <List.Item key={file.id}>
            <Group gap={6} wrap="wrap">
              <Anchor href={`/files/${file.id}`} download={file.name} size="sm">
                {file.name}
              </Anchor>
              <Text span size="xs" c="dimmed">
                ({evidenceKind(file.mime)}, {size(file.size)})
              </Text>
            </Group>
          </List.Item>
        ))}
      </List>
    </div>
  );
}

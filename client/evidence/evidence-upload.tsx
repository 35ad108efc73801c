import {
  Alert,
  Button,
  CloseButton,
  FileButton,
  Group,
  Input,
  Loader,
  Stack,
  Text,
} from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { type Ref, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { EVIDENCE_ACCEPT, MAX_FILE_BYTES, MAX_FILES_PER_REPORT } from "../../shared/evidence.ts";
import { evidenceKind } from "./evidence-list.tsx";
import { useFileSize } from "./file-size.ts";
import { type EvidenceFile, MAX_FILE_MB, UploadError, uploadEvidence } from "./upload.ts";

/**
 * Evidence files for a form: the user picks PDF, Word, Excel or image files, they are uploaded at
 * once to POST /files, and the form receives the ids of the files uploaded (through `onChange`).
 * A refused file (wrong type, too large) is named in a clear message and nothing is kept. Files
 * removed here stay pending on the server and are purged after a day.
 */
export function EvidenceUpload({
  label,
  onChange,
  error,
  buttonRef,
}: {
  label?: string;
  /** The ids of the uploaded files, whenever they change. */
  onChange: (ids: number[]) => void;
  /** The form's error for the files (e.g. from the server), shown beside them. */
  error?: string | undefined;
  buttonRef?: Ref<HTMLButtonElement>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const size = useFileSize();
  const [files, setFiles] = useState<EvidenceFile[]>([]);
  const [tooMany, setTooMany] = useState<string | null>(null);
  const resetRef = useRef<() => void>(null);
  const upload = useMutation({ mutationFn: uploadEvidence });

  const pick = (picked: File[]) => {
    resetRef.current?.();
    upload.reset();
    setTooMany(null);
    if (picked.length === 0) return;
    if (files.length + picked.length > MAX_FILES_PER_REPORT) {
      setTooMany(t("error.tooManyFiles", { max: MAX_FILES_PER_REPORT }));
      return;
    }
    const big = picked.find((file) => file.size > MAX_FILE_BYTES);
    if (big) {
      setTooMany(t("evidence.fileTooLarge", { name: big.name, max: MAX_FILE_MB }));
      return;
    }
    upload.mutate(picked, {
      onSuccess: (stored) => {
        const next = [...files, ...stored];
        setFiles(next);
        onChange(next.map((file) => file.id));
      },
    });
  };

  const remove = (fileId: number) => {
    const next = files.filter((file) => file.id !== fileId);
    setFiles(next);
    onChange(next.map((file) => file.id));
  };

  const refusal =
    tooMany ??
    (upload.error instanceof UploadError
      ? upload.error.message
      : upload.error
        ? t("evidence.uploadFailed")
        : null);

  return (
    <Stack gap={6} role="group" aria-labelledby={`${id}-label`} aria-describedby={`${id}-hint`}>
      <div>
        <Input.Label labelElement="div" id={`${id}-label`}>
          {label ?? t("evidence.label")}
        </Input.Label>
        <Input.Description id={`${id}-hint`}>
          {t("evidence.hint", { maxMb: MAX_FILE_MB, max: MAX_FILES_PER_REPORT })}
        </Input.Description>
      </div>
      <Group gap="sm">
        <FileButton
          multiple
          accept={EVIDENCE_ACCEPT}
          onChange={pick}
          resetRef={resetRef}
          disabled={upload.isPending || files.length >= MAX_FILES_PER_REPORT}
        >
          {(props) => (
            <Button
              {...props}
              ref={buttonRef}
              variant="default"
              disabled={upload.isPending || files.length >= MAX_FILES_PER_REPORT}
            >
              {t("evidence.choose")}
            </Button>
          )}
        </FileButton>
        <div aria-live="polite">
          {upload.isPending && (
            <Group gap="xs" wrap="nowrap">
              <Loader size="xs" aria-hidden="true" />
              <Text size="sm">
                {t("evidence.uploading", { count: upload.variables?.length ?? 1 })}
              </Text>
            </Group>
          )}
        </div>
      </Group>
      {refusal && (
        <Alert color="red" variant="light" role="alert" title={t("evidence.refusedTitle")} p="xs">
          {refusal}
        </Alert>
      )}
      {error && <Input.Error>{error}</Input.Error>}
      {files.length > 0 && (
        <Stack
          component="ul"
          gap={4}
          m={0}
          p={0}
          style={{ listStyle: "none" }}
          aria-label={t("evidence.uploadedList")}
        >
          {files.map((file) => (
            <Group
              component="li"
              key={file.id}
              gap="xs"
              wrap="nowrap"
              justify="space-between"
              px="xs"
              py={4}
              style={{
                border: "1px solid var(--mantine-color-gray-3)",
                borderRadius: "var(--mantine-radius-sm)",
              }}
            >
              <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                {file.name}{" "}
                <Text span size="xs" c="dimmed">
                  ({evidenceKind(file.mime)}, {size(file.size)})
                </Text>
              </Text>
              <CloseButton
                size="sm"
                aria-label={t("evidence.remove", { name: file.name })}
                onClick={() => remove(file.id)}
              />
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

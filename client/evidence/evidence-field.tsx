import type { FieldValues } from "react-hook-form";
import { type BoundField, useBoundField } from "../ui/form-fields.tsx";
import { EvidenceUpload } from "./evidence-upload.tsx";

/**
 * The evidence files of a form (a report, a completion, a comment): the field holds the ids of
 * the files uploaded, and shows the server's error about them beside them.
 */
export function EvidenceField<T extends FieldValues, O>(props: BoundField<T, O>) {
  const { field, error } = useBoundField(props);
  return <EvidenceUpload onChange={field.onChange} buttonRef={field.ref} error={error} />;
}

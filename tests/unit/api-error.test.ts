import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import {
  type ErrorFacts,
  errorFacts,
  hasErrorCode,
  isClientError,
  isStaleConflict,
  placeFieldErrors,
} from "../../client/ui/api-error.ts";

/** An error as the browser receives it from our server (see the error formatter, server/trpc.ts). */
function serverError(
  code: string,
  httpStatus: number,
  message: string,
  fieldErrors: Record<string, string> = {},
) {
  return TRPCClientError.from({
    error: { message, code: -32600, data: { code, httpStatus, path: "task.update", fieldErrors } },
  });
}

const facts = (code: string | null, message: string | null, fieldErrors = {}): ErrorFacts => ({
  code,
  message,
  fieldErrors,
});

describe("what an error of the API says", () => {
  it("takes the server's message, code and field errors", () => {
    const error = serverError("BAD_REQUEST", 400, "Dữ liệu không hợp lệ.", {
      title: "Không được để trống.",
    });
    expect(errorFacts(error)).toEqual({
      message: "Dữ liệu không hợp lệ.",
      code: "BAD_REQUEST",
      fieldErrors: { title: "Không được để trống." },
    });
    expect(hasErrorCode(error, "BAD_REQUEST")).toBe(true);
    expect(hasErrorCode(error, "NOT_FOUND")).toBe(false);
  });

  it("says nothing of its own when the server was not reached", () => {
    const offline = TRPCClientError.from(new TypeError("Failed to fetch"));
    expect(errorFacts(offline)).toEqual({ message: null, code: null, fieldErrors: {} });
    expect(errorFacts(new Error("boom"))).toEqual({ message: null, code: null, fieldErrors: {} });
    expect(errorFacts("a string")).toEqual({ message: null, code: null, fieldErrors: {} });
  });

  it("does not retry answers (4xx), only accidents", () => {
    expect(isClientError(serverError("NOT_FOUND", 404, "Không tìm thấy."))).toBe(true);
    expect(isClientError(serverError("CONFLICT", 409, "Đã có người sửa."))).toBe(true);
    expect(isClientError(serverError("INTERNAL_SERVER_ERROR", 500, "Lỗi."))).toBe(false);
    expect(isClientError(TRPCClientError.from(new TypeError("Failed to fetch")))).toBe(false);
    expect(isClientError(new Error("boom"))).toBe(false);
  });
});

describe("putting a refused form's errors where they belong", () => {
  const fields = ["summary", "periodKey", "fileIds"] as const;

  it("puts each field error on its field, a part of a field on the field", () => {
    const placed = placeFieldErrors(
      facts("BAD_REQUEST", "Dữ liệu không hợp lệ.", {
        summary: "Không được để trống.",
        "fileIds.0": "Tệp không còn.",
      }),
      fields,
    );
    expect(placed.onFields).toEqual([
      { field: "summary", message: "Không được để trống." },
      { field: "fileIds", message: "Tệp không còn." },
    ]);
    expect(placed.needsAlert).toBe(true);
  });

  it("says nothing twice: no alert when the fields already say the message", () => {
    const placed = placeFieldErrors(
      facts("CONFLICT", "Kỳ này đã báo cáo.", { periodKey: "Kỳ này đã báo cáo." }),
      fields,
    );
    expect(placed).toEqual({
      onFields: [{ field: "periodKey", message: "Kỳ này đã báo cáo." }],
      needsAlert: false,
    });
  });

  it("keeps the alert for an error about something the form has no field for", () => {
    const placed = placeFieldErrors(
      facts("CONFLICT", "Báo cáo đã được đính chính.", {
        correctsId: "Báo cáo đã được đính chính.",
      }),
      fields,
    );
    expect(placed).toEqual({ onFields: [], needsAlert: true });
    expect(placeFieldErrors(facts(null, null), fields)).toEqual({ onFields: [], needsAlert: true });
  });

  it("offers a reload for a stale version, not for a conflict a field explains", () => {
    expect(isStaleConflict(facts("CONFLICT", "Đã có người sửa."), fields)).toBe(true);
    expect(
      isStaleConflict(facts("CONFLICT", "Kỳ đã báo cáo.", { periodKey: "Kỳ đã báo cáo." }), fields),
    ).toBe(false);
    expect(
      isStaleConflict(
        facts("CONFLICT", "Đã đính chính.", { correctsId: "Đã đính chính." }),
        fields,
      ),
    ).toBe(true);
    expect(isStaleConflict(facts("NOT_FOUND", "Không tìm thấy."), fields)).toBe(false);
    expect(isStaleConflict(facts("BAD_REQUEST", "Dữ liệu không hợp lệ."), fields)).toBe(false);
    expect(isStaleConflict(facts(null, null), fields)).toBe(false);
  });
});

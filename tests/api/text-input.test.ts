import { describe, expect, it } from "vitest";
import { agencyId, countRows, freshDb, issuePaths, rejection } from "../support/api.ts";
import { createDirective, createUser } from "../support/factory.ts";

const NFC_ISSUER = "Thủ tướng Chính phủ";
const NFD_ISSUER = NFC_ISSUER.normalize("NFD");

describe("text input is normalised to NFC", () => {
  it("stores an issuer typed with combining accents precomposed, so 06/CT-TTg exists once", async () => {
    const db = await freshDb({ demo: false });
    const { caller: officer } = await createUser(db, { role: "officer", agency: "BCT" });
    const directive = {
      type: "chi_thi" as const,
      number: "06/CT-TTg",
      issuedOn: "2024-02-15",
      title: "Về tăng cường công tác phòng, chống buôn lậu",
    };
    expect(NFD_ISSUER).not.toBe(NFC_ISSUER);
    const { id } = await officer.directive.create({ ...directive, issuer: NFD_ISSUER });

    const again = await rejection(officer.directive.create({ ...directive, issuer: NFC_ISSUER }));

    expect(again.code).toBe("CONFLICT");
    expect(await countRows(db, "directive")).toBe(1);
    const stored = await db
      .selectFrom("directive")
      .select("directive.issuer")
      .where("directive.id", "=", id)
      .executeTakeFirstOrThrow();
    expect(stored.issuer).toBe(NFC_ISSUER);
  });
});

describe("titles and names refuse characters that hide what they say", () => {
  it("refuses a title with a right-to-left override, field by field", async () => {
    const db = await freshDb({ demo: false });
    const { caller: officer } = await createUser(db, { role: "officer", agency: "BCT" });
    await createDirective(db, { tracking: "BCT" });
    const before = await countRows(db, "directive");

    const error = await rejection(
      officer.directive.create({
        type: "chi_thi",
        number: "07/CT-TTg",
        issuer: "Thủ tướng Chính phủ",
        issuedOn: "2024-02-15",
        title: "Báo cáo \u202Efdp.exe",
      }),
    );

    expect(error.code).toBe("BAD_REQUEST");
    expect(issuePaths(error)).toEqual([["title"]]);
    expect(await countRows(db, "directive")).toBe(before);
  });

  it("refuses a zero-width space in a task title and in a person's name", async () => {
    const db = await freshDb({ demo: false });
    const { caller: officer } = await createUser(db, { role: "officer", agency: "BCT" });
    const { caller: admin } = await createUser(db, { role: "admin", agency: "VPCP" });
    const directiveId = await createDirective(db, { tracking: "BCT" });

    const task = await rejection(
      officer.task.create({
        directiveId,
        title: "Kiểm\u200Btra",
        leadAgencyId: await agencyId(db, "PVN"),
        deadline: "2026-12-31",
      }),
    );
    const user = await rejection(
      admin.user.create({
        username: "canbo.moi",
        fullName: "Nguyễn\u200B Văn A",
        agencyId: await agencyId(db, "BCT"),
        role: "officer",
      }),
    );

    expect(issuePaths(task)).toEqual([["title"]]);
    expect(issuePaths(user)).toEqual([["fullName"]]);
  });

  it("keeps Vietnamese with every diacritic, and line breaks in descriptions", async () => {
    const db = await freshDb({ demo: false });
    const { caller: officer } = await createUser(db, { role: "officer", agency: "BCT" });
    const directiveId = await createDirective(db, { tracking: "BCT" });
    const title = "Rà soát, đánh giá tình hình thực hiện; đề xuất giải pháp tháo gỡ vướng mắc";

    const { id } = await officer.task.create({
      directiveId,
      title,
      description: "Dòng một.\nDòng hai.",
      leadAgencyId: await agencyId(db, "PVN"),
      deadline: "2026-12-31",
    });

    const { task } = await officer.task.byId({ id });
    expect(task.title).toBe(title);
    expect(task.description).toBe("Dòng một.\nDòng hai.");
  });
});

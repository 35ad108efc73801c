/**
 * The inputs of the directive procedures: zod schemas, each with its inferred type, used by the router
 * and the forms alike. Apart from directive.ts so that a page using its constants does not load zod.
 */
import { z } from "zod";
import { DIRECTIVE_TYPES } from "./directive.ts";
import { encodeMessage } from "./message.ts";
import { idSchema, isoDateSchema, nameSchema, pageFields, textSchema } from "./validation.ts";

/**
 * State documents (Decree 30/2020/NĐ-CP): "06/CT-TTg", "2450/VPCP-KGVX", "09/2019/NĐ-CP": a
 * number, then symbol parts. Party documents: "57-NQ/TW", "05-CT/TW": number, hyphen, kind,
 * slash, issuing body. Numbers restart every year: a document is identified by type, number,
 * issuer and year (the database's UNIQUE), never by number alone.
 */
const DOCUMENT_NUMBER =
  /^(\d+[A-Za-z]?(\/\d{4})?\/[\p{L}\d]+(-[\p{L}\d]+)*|\d+-[\p{Lu}]+\/[\p{L}\d]+(-[\p{L}\d]+)*)$/u;

export const directiveInput = z.object({
  type: z.enum(DIRECTIVE_TYPES),
  number: nameSchema(60).regex(DOCUMENT_NUMBER, {
    error: encodeMessage("validation.documentNumber"),
  }),
  issuer: nameSchema(200),
  issuedOn: isoDateSchema,
  title: nameSchema(500),
  summary: textSchema(5_000).default(""),
  fullText: textSchema(200_000).default(""),
});
export type DirectiveInput = z.input<typeof directiveInput>;

export const directiveCreateInput = directiveInput;

export const directiveUpdateInput = directiveInput.extend({
  id: idSchema,
  version: z.number().int().min(1),
});
export type DirectiveUpdateInput = z.input<typeof directiveUpdateInput>;

export const directiveListInput = z.object({
  query: z.string().trim().max(200).default(""),
  type: z.enum(DIRECTIVE_TYPES).optional(),
  year: z.number().int().min(1945).max(2100).optional(),
  ...pageFields(100, 20),
});
export type DirectiveListInput = z.input<typeof directiveListInput>;

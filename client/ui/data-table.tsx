import { Table, type TableProps, VisuallyHidden } from "@mantine/core";
import type { Key, ReactNode } from "react";
import { TableScroll } from "./table-scroll.tsx";

/** One column of a DataTable: its header and what each row shows in it. */
export type Column<Row> = {
  key: string;
  header: ReactNode;
  cell: (row: Row, index: number) => ReactNode;
  /** Dates, numbers and codes stay on one line. */
  nowrap?: boolean;
  align?: "left" | "center" | "right";
  /** Where the header sits when not as the cells (a printed table centres its headers). */
  headerAlign?: "left" | "center" | "right";
  /** The least width of the column's cells (long titles), in px. */
  minWidth?: number;
  /** The width of the column's header, in px. */
  width?: number;
};

/** The header cells of the columns, for a table that draws its own rows (a windowed one). */
export function ColumnHeaders<Row>({ columns }: { columns: readonly Column<Row>[] }) {
  return columns.map((column) => (
    <Table.Th key={column.key} scope="col" w={column.width} ta={column.headerAlign ?? column.align}>
      {column.header}
    </Table.Th>
  ));
}

/** One row's cells of the columns. */
export function RowCells<Row>({
  columns,
  row,
  index,
}: {
  columns: readonly Column<Row>[];
  row: Row;
  index: number;
}) {
  return columns.map((column) => (
    <Table.Td
      key={column.key}
      ta={column.align}
      miw={column.minWidth}
      style={column.nowrap ? { whiteSpace: "nowrap" } : undefined}
    >
      {column.cell(row, index)}
    </Table.Td>
  ));
}

/**
 * A table of rows by column definitions: header cells with `scope="col"`, a caption for screen
 * readers (shown when `captionVisible`), and below `minWidth` a sideways scroll. Striped rows
 * that light up under the pointer unless the props say otherwise.
 */
export function DataTable<Row>({
  rows,
  columns,
  rowKey,
  caption,
  captionVisible = false,
  minWidth,
  ...tableProps
}: {
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  rowKey: (row: Row) => Key;
  caption: string;
  captionVisible?: boolean;
  /** Narrower screens scroll the table sideways; without it the caller wraps the table. */
  minWidth?: number;
} & Omit<TableProps, "children" | "data">) {
  const table = (
    <Table striped highlightOnHover verticalSpacing="sm" {...tableProps}>
      <Table.Caption>
        {captionVisible ? caption : <VisuallyHidden>{caption}</VisuallyHidden>}
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <ColumnHeaders columns={columns} />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row, index) => (
          <Table.Tr key={rowKey(row)}>
            <RowCells columns={columns} row={row} index={index} />
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  return minWidth === undefined ? (
    table
  ) : (
    <TableScroll minWidth={minWidth} label={caption}>
      {table}
    </TableScroll>
  );
}

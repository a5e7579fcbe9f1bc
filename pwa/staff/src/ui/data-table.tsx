import type { ComponentChildren, JSX } from 'preact';

/**
 * A plain data table in a region a keyboard can scroll (tabIndex 0, named by a heading's id or a label):
 * one header row of column names, one row per item. `numeric` lists the columns shown as figures.
 */
export function DataTable<T>(props: {
  labelledBy?: string;
  label?: string;
  columns: readonly string[];
  numeric?: readonly number[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  cells: (row: T) => ComponentChildren[];
}): JSX.Element {
  const { columns, numeric = [], rows } = props;
  return (
    <div class="scroll" role="region" aria-labelledby={props.labelledBy} aria-label={props.label} tabIndex={0}>
      <table>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={props.rowKey(row, i)}>
              {props.cells(row).map((cell, j) => (
                <td key={j} class={numeric.includes(j) ? 'num' : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

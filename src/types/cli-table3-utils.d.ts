// cli-table3's own measuring and colour-closing helpers (its src/utils.js, CommonJS), which
// io/render/table.ts uses to draw long tables exactly as cli-table3 would.
declare module 'cli-table3/src/utils.js' {
  /** Display width of the widest line, colour codes left out (string-width). */
  export function strlen(s: string): number;
  /** Each line with the colour codes it leaves open closed (and reopened on the next). */
  export function colorizeLines(lines: string[]): string[];
}

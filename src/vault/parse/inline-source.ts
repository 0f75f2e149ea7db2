/** The source of one inline token, with its line starts: offsets in it map to lines (0-based within the source). */
export class InlineSource {
  private readonly lineStarts: number[] = [0];

  constructor(readonly content: string) {
    for (let i = content.indexOf('\n'); i !== -1; i = content.indexOf('\n', i + 1)) {
      this.lineStarts.push(i + 1);
    }
  }

  /** The line (0 = the source's first) holding `offset`. */
  lineOf(offset: number): number {
    let k = this.lineStarts.length - 1;
    while (k > 0 && this.lineStarts[k] > offset) {
      k--;
    }
    return k;
  }

  /** Offset of the first character of `line`. */
  lineStart(line: number): number {
    return this.lineStarts[line];
  }
}

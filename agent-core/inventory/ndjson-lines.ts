import { StringDecoder } from 'node:string_decoder';

/**
 * Splits a newline-delimited JSON stream into whole lines, however the network chunks it: a chunk may end mid-line
 * or mid-character (a multi-byte UTF-8 sequence split between two chunks), or hold many lines.
 */
export class NdjsonLineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';

  /** The lines this chunk completes, without their line ends; blank lines (keep-alives) are dropped. */
  push(chunk: Buffer | string): string[] {
    this.partial += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const lastBreak = this.partial.lastIndexOf('\n');
    if (lastBreak < 0) return [];
    const complete = this.partial.slice(0, lastBreak);
    this.partial = this.partial.slice(lastBreak + 1);
    return complete.split('\n').map(trimCarriageReturn).filter((line) => line.trim() !== '');
  }

  /** At the end of the stream: a last line that had no line end, if any. */
  end(): string | undefined {
    const rest = trimCarriageReturn(this.partial + this.decoder.end());
    this.partial = '';
    return rest.trim() === '' ? undefined : rest;
  }
}

function trimCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

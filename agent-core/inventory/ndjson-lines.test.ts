import { describe, expect, it } from 'vitest';
import { NdjsonLineSplitter } from './ndjson-lines.ts';

function splitAll(chunks: (string | Buffer)[]): string[] {
  const splitter = new NdjsonLineSplitter();
  const lines = chunks.flatMap((chunk) => splitter.push(chunk));
  const last = splitter.end();
  return last === undefined ? lines : [...lines, last];
}

describe('NdjsonLineSplitter', () => {
  const events = ['{"type":"ADDED","object":{"a":1}}', '{"type":"MODIFIED","object":{"b":"ü€"}}', '{"type":"BOOKMARK","object":{}}'];
  const stream = Buffer.from(events.map((e) => `${e}\n`).join(''), 'utf8');

  it('gives whole lines however the stream is cut, at every byte offset (multi-byte characters included)', () => {
    for (let cut = 1; cut < stream.length; cut++) {
      expect(splitAll([stream.subarray(0, cut), stream.subarray(cut)])).toEqual(events);
    }
  });

  it('gives whole lines when every byte arrives on its own', () => {
    expect(splitAll([...stream].map((byte) => Buffer.from([byte])))).toEqual(events);
  });

  it('gives many lines from one chunk, drops blank keep-alive lines and CRs', () => {
    expect(splitAll([`${events[0]}\r\n\n  \n${events[1]}\n${events[2]}\n`])).toEqual(events);
  });

  it('keeps a last line without a line end for end()', () => {
    const splitter = new NdjsonLineSplitter();
    expect(splitter.push(`${events[0]}\n${events[1]}`)).toEqual([events[0]]);
    expect(splitter.end()).toBe(events[1]);
    expect(splitter.end()).toBeUndefined();
  });
});

import { Writable } from 'node:stream';

/** A log destination that keeps every line, so tests can assert what was (and was not) logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];

  override _write(
    chunk: Buffer | string,
    _encoding: BufferEncoding,
    done: (error?: Error | null) => void,
  ): void {
    this.lines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  }

  get text(): string {
    return this.lines.join('\n');
  }
}

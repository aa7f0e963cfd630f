import { Readable, type Writable } from 'node:stream';
import { STDIO_DEFAULT_MAX_BUFFER_SIZE } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { classifyLine, idKey, type LineKind } from './stdio-lines.js';

/** How much the stdio server holds for a client at most. */
export interface GateLimits {
  /** Stop handing messages on while the client has not taken this many bytes of output. */
  maxPendingOutput: number;
  /** Requests handed on and not yet answered. */
  maxInFlight: number;
  /** Complete lines read and not yet handed on; input is not read beyond this. */
  maxQueuedInput: number;
  /** The longest line (one message) accepted. */
  maxMessage: number;
}

/** The limits `specplan mcp` runs with over stdio. */
const DEFAULT_GATE_LIMITS: GateLimits = {
  maxPendingOutput: 16 * 1024 * 1024,
  maxInFlight: 32,
  maxQueuedInput: 4 * 1024 * 1024,
  maxMessage: STDIO_DEFAULT_MAX_BUFFER_SIZE,
};

/** How the input side ended. */
export type GateEnd = { kind: 'input-ended' } | { kind: 'output-closed'; error: Error } | { kind: 'failed'; error: Error } | { kind: 'stopped' };

interface Line {
  bytes: Buffer;
  kind: LineKind;
  // request id (request, response) or the cancelled request's id (cancel)
  key?: string;
}

function size(n: number): string {
  return n >= 1048576 ? `${Math.round(n / 1048576)} MB` : `${n} bytes`;
}

/**
 * Flow control between a client's input and the stdio transport. Lines are read from `input`
 * and handed on, in order, through `stream` while the client takes its output: when more than
 * `maxPendingOutput` bytes wait in `output`, or `maxInFlight` requests are unanswered, nothing
 * more is handed on, and once `maxQueuedInput` bytes wait here, `input` is paused, so the pipe
 * fills and the client's writes block. Answers to the server's own requests (sampling) are
 * handed on past requests waiting for a free slot, because the requests in flight may be
 * waiting for exactly those answers. Lines that are not JSON-RPC are reported and skipped.
 */
export class InputGate {
  /** What the transport reads: complete lines, newline included. */
  readonly stream = new Readable({ read() {} });
  /** Settles once reading stops for good: input ended and every request read was answered, the output closed, a failure, or `stop()`. */
  readonly done: Promise<GateEnd>;
  /** Called with a line that was skipped and why. */
  onInvalid: (error: Error) => void = () => {};

  private readonly limits: GateLimits;
  private readonly queue: Line[] = [];
  private queuedBytes = 0;
  private queuedResponses = 0;
  private partial: Buffer[] = [];
  private partialBytes = 0;
  private lineNo = 0;
  private readonly inFlight = new Map<string, number>();
  private inFlightCount = 0;
  private inputEnded = false;
  private finished = false;
  private waitingDrain = false;
  private pumping = false;
  private again = false;
  private settle!: (end: GateEnd) => void;

  constructor(
    private readonly input: Readable,
    private readonly output: Writable,
    limits: Partial<GateLimits> = {},
  ) {
    this.limits = { ...DEFAULT_GATE_LIMITS, ...limits };
    this.done = new Promise((resolve) => (this.settle = resolve));
  }

  /** Start reading input. */
  start(): void {
    this.input.on('data', this.onData);
    this.input.on('end', this.onEnd);
    this.input.on('error', this.onInputError);
    this.output.on('error', this.onOutputError);
  }

  /** Stop reading and settle `done` (the transport is closing). */
  stop(end: GateEnd = { kind: 'stopped' }): void {
    if (this.finished) return;
    this.finished = true;
    this.input.off('data', this.onData);
    this.input.off('end', this.onEnd);
    this.input.off('error', this.onInputError);
    this.output.off('drain', this.onDrain);
    this.queue.length = 0;
    this.partial = [];
    this.input.pause();
    this.settle(end);
  }

  /** The transport wrote a message to the client: an answer frees its request's slot. */
  sent(message: JSONRPCMessage): void {
    if (('result' in message || 'error' in message) && 'id' in message && message.id !== undefined) this.release(idKey(message.id));
    this.pump();
  }

  /** Requests handed on and not yet answered. */
  pending(): number {
    return this.inFlightCount;
  }

  private release(key: string): void {
    const n = this.inFlight.get(key);
    if (!n) return;
    if (n === 1) this.inFlight.delete(key);
    else this.inFlight.set(key, n - 1);
    this.inFlightCount--;
  }

  private readonly onData = (chunk: Buffer): void => {
    let from = 0;
    for (let nl = chunk.indexOf(10, from); nl !== -1; nl = chunk.indexOf(10, from)) {
      const piece = chunk.subarray(from, nl + 1);
      from = nl + 1;
      const bytes = this.partialBytes ? Buffer.concat([...this.partial, piece]) : piece;
      this.partial = [];
      this.partialBytes = 0;
      this.enqueue(bytes);
    }
    if (from < chunk.length) {
      this.partial.push(chunk.subarray(from));
      this.partialBytes += chunk.length - from;
      if (this.partialBytes > this.limits.maxMessage) {
        const error = new Error(
          `a message on stdin is over ${size(this.limits.maxMessage)} (line ${this.lineNo + 1} has no end in sight); the server stops, as the rest of the stream cannot be read reliably`,
        );
        this.stop({ kind: 'failed', error });
        return;
      }
    }
    if (this.queuedBytes > this.limits.maxQueuedInput) this.input.pause();
    this.pump();
  };

  private enqueue(bytes: Buffer): void {
    this.lineNo++;
    if (bytes.length <= 2 && bytes.toString('utf8').trim() === '') return;
    const c = classifyLine(bytes);
    if ('invalid' in c) {
      this.onInvalid(new Error(`line ${this.lineNo} on stdin ${c.invalid}; skipped it`));
      return;
    }
    this.queue.push({ bytes, ...c });
    this.queuedBytes += bytes.length;
    if (c.kind === 'response') this.queuedResponses++;
  }

  private readonly onEnd = (): void => {
    this.inputEnded = true;
    if (this.partialBytes) {
      this.enqueue(Buffer.concat([...this.partial, Buffer.from('\n')]));
      this.partial = [];
      this.partialBytes = 0;
    }
    this.pump();
  };

  private readonly onInputError = (error: Error): void => this.stop({ kind: 'failed', error: new Error(`cannot read stdin (${error.message})`) });

  private readonly onOutputError = (error: Error): void => this.stop({ kind: 'output-closed', error });

  private readonly onDrain = (): void => {
    this.waitingDrain = false;
    this.pump();
  };

  private hand(line: Line): void {
    this.queuedBytes -= line.bytes.length;
    if (line.kind === 'response') this.queuedResponses--;
    if (line.kind === 'request') {
      this.inFlight.set(line.key!, (this.inFlight.get(line.key!) ?? 0) + 1);
      this.inFlightCount++;
    } else if (line.kind === 'cancel') {
      // a cancelled request is not answered
      this.release(line.key!);
    }
    this.stream.push(line.bytes);
  }

  private pump(): void {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        this.pumpOnce();
      } while (this.again && !this.finished);
    } finally {
      this.pumping = false;
    }
  }

  private pumpOnce(): void {
    while (this.queue.length && !this.finished) {
      // (a buffer over the high-water mark always ends with 'drain')
      if (this.output.writableNeedDrain && this.output.writableLength > this.limits.maxPendingOutput) {
        if (!this.waitingDrain) {
          this.waitingDrain = true;
          this.output.once('drain', this.onDrain);
        }
        return;
      }
      if (this.queue[0]!.kind === 'request' && this.inFlightCount >= this.limits.maxInFlight) {
        if (this.queuedResponses) this.handResponses();
        break;
      }
      this.hand(this.queue.shift()!);
    }
    if (this.finished) return;
    if (!this.inputEnded && this.input.isPaused() && this.queuedBytes <= this.limits.maxQueuedInput / 2) this.input.resume();
    // Answers still buffered in the output are written before the process exits.
    if (this.inputEnded && !this.queue.length && this.inFlightCount === 0) this.stop({ kind: 'input-ended' });
  }

  private handResponses(): void {
    for (let i = 0; i < this.queue.length; ) {
      if (this.queue[i]!.kind === 'response') this.hand(this.queue.splice(i, 1)[0]!);
      else i++;
    }
  }
}

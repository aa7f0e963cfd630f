import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { InputGate, type GateEnd, type GateLimits } from './stdio-gate.js';

/**
 * The SDK's stdio server transport with bounded memory: it reads the client's messages through
 * an `InputGate` (nothing more is read while the client leaves answers unread or too many
 * requests are unanswered), and writes each answer once, sharing one wait for the output to
 * drain. `done` settles when the input ended and every request read has been answered and
 * written, when the client closed the output, or when the input cannot be read.
 */
export class BoundedStdioServerTransport extends StdioServerTransport {
  readonly done: Promise<GateEnd>;
  private readonly gate: InputGate;
  private readonly out: Writable;
  private drained: Promise<void> | null = null;
  /** Requests answered before the server was loaded and given to it again: their answers are not sent twice. */
  private readonly silenced = new Set<string | number>();

  constructor(input: Readable = process.stdin, output: Writable = process.stdout, limits: Partial<GateLimits> = {}) {
    const gate = new InputGate(input, output, limits);
    super(gate.stream, output);
    this.gate = gate;
    this.out = output;
    this.done = gate.done;
    gate.onInvalid = (error) => this.onerror?.(error);
  }

  override async start(): Promise<void> {
    await super.start();
    this.gate.start();
  }

  /** Do not send the answers to these request ids (they were answered already). */
  silence(ids: ReadonlyArray<string | number>): void {
    for (const id of ids) this.silenced.add(id);
  }

  /** Stop reading input and settle `done` with `end` (e.g. the output was closed before the transport listened to it). */
  stopReading(end: GateEnd): void {
    this.gate.stop(end);
  }

  /** Requests read and not yet answered. */
  pending(): number {
    return this.gate.pending();
  }

  override send(message: JSONRPCMessage): Promise<void> {
    if (this.out.destroyed || this.out.writableEnded) return Promise.resolve();
    if ('id' in message && message.id !== undefined && !('method' in message) && this.silenced.delete(message.id)) {
      this.gate.sent(message);
      return Promise.resolve();
    }
    const written = this.out.write(serializeMessage(message));
    this.gate.sent(message);
    if (written) return Promise.resolve();
    this.drained ??= new Promise<void>((resolve) => {
      const settle = () => {
        this.out.off('drain', settle);
        this.out.off('close', settle);
        this.drained = null;
        resolve();
      };
      this.out.on('drain', settle);
      this.out.on('close', settle);
    });
    return this.drained;
  }

  override async close(): Promise<void> {
    this.gate.stop();
    await super.close();
  }
}

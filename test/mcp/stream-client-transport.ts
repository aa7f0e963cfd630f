/**
 * An MCP client transport over a pair of Node streams (newline-delimited JSON-RPC, as stdio
 * uses), so an SDK `Client` can talk to the server's stdio transport inside one process.
 */
import type { Readable, Writable } from 'node:stream';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export class StreamClientTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private readonly buffer = new ReadBuffer();

  constructor(
    private readonly fromServer: Readable,
    private readonly toServer: Writable,
  ) {}

  private readonly onData = (chunk: Buffer): void => {
    this.buffer.append(chunk);
    for (let m = this.buffer.readMessage(); m; m = this.buffer.readMessage()) this.onmessage?.(m);
  };

  async start(): Promise<void> {
    this.fromServer.on('data', this.onData);
  }

  async send(message: JSONRPCMessage): Promise<void> {
    this.toServer.write(serializeMessage(message));
  }

  async close(): Promise<void> {
    this.fromServer.off('data', this.onData);
    this.onclose?.();
  }
}

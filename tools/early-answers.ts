import { PassThrough, type Readable, type Writable } from 'node:stream';
import { MCP_TOOL_SETS, type McpToolSet } from '../src/model/mcp-tool-sets.js';
import { listsOutputSchemas, offers, type ToolSelection } from './tool-selection.js';

type Json = Record<string, unknown>;

/**
 * What the live server answers before any repository is read, recorded by the build
 * (`tools/start-answers.ts`): its version, the protocol versions it speaks (latest first), the
 * `initialize` result without the negotiated version, and every tool's `tools/list` entry (output
 * schema included) with its tool set and use, in the order the server lists them.
 */
export interface StartAnswers {
  version: string;
  protocolVersions: string[];
  initialize: Json;
  tools: Array<{ set: McpToolSet; use: 'reads' | 'writes'; tool: Json }>;
}

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Whether `value` is a record of this version's answers (anything else, e.g. a stale build's file, is not used). */
export function isStartAnswers(value: unknown, version: string): value is StartAnswers {
  if (!isObject(value) || value.version !== version || !isObject(value.initialize)) return false;
  const versions = value.protocolVersions;
  if (!Array.isArray(versions) || versions.length === 0 || !versions.every((v) => typeof v === 'string')) return false;
  return (
    Array.isArray(value.tools) &&
    value.tools.every(
      (t: unknown) =>
        isObject(t) &&
        (MCP_TOOL_SETS as readonly unknown[]).includes(t.set) &&
        (t.use === 'reads' || t.use === 'writes') &&
        isObject(t.tool) &&
        typeof t.tool.name === 'string',
    )
  );
}

/** The `tools/list` result for this selection, as the live server lists it. */
export function listedTools(answers: StartAnswers, selection: ToolSelection | undefined): { tools: Json[] } {
  const withOutput = listsOutputSchemas(selection);
  const tools = answers.tools
    .filter((t) => offers(selection, t.set, t.use))
    .map(({ tool }) => {
      if (withOutput) return tool;
      const { outputSchema: _o, ...rest } = tool;
      return rest;
    });
  return { tools };
}

/** How the early answers ended: what the server reads from now on, and the requests it is given again. */
export interface Handover {
  /** The messages not answered yet, replayed ones first, then the rest of the client's input. */
  input: Readable;
  /** The ids given to the replayed requests: the server's answers to them were already sent, and must not be sent again. */
  replayed: Array<string | number>;
  /**
   * The error of the server's output, when the client closed it: from the early answers until
   * `release()` (by then the server's transport listens to the output itself).
   */
  outputError(): Error | undefined;
  /** Stop listening to the output's errors. */
  release(): void;
  /** Stop reading the client's input for good (the server will not run). */
  close(): void;
}

/** A line longer than this is left to the server (the early answers only ever read small messages). */
const MAX_EARLY_LINE = 64 * 1024;
/** After `notifications/initialized` without a `tools/list`, hand over this soon (the repository loads after handing over). */
const HANDOVER_AFTER_INITIALIZED_MS = 100;

/**
 * Answer a stdio client's first messages before the server is loaded: `initialize` (the
 * protocol version negotiated as the SDK does), `ping` and the first `tools/list`, from the
 * answers the build recorded. Everything else, and anything unexpected, is left to the server:
 * the handover settles with an input stream that replays the answered `initialize`, the
 * `initialized` notification and the `tools/list` request (under ids of their own, so the
 * server's state is what it would have been, and its repeated answers can be dropped), followed
 * by every byte not consumed yet.
 */
export function answerEarly(input: Readable, output: Writable, answers: StartAnswers, selection: ToolSelection | undefined): Promise<Handover> {
  return new Promise((resolve) => {
    let buffered: Buffer[] = [];
    let bufferedBytes = 0;
    const replay: string[] = [];
    const replayed: Array<string | number> = [];
    let initialized = false;
    let timer: NodeJS.Timeout | undefined;
    let done = false;

    const send = (message: Json) => output.write(`${JSON.stringify(message)}\n`);
    const keep = (message: Json) => {
      if (message.id !== undefined) {
        const id = `specplan-early-${replayed.length + 1}`;
        replayed.push(id);
        replay.push(`${JSON.stringify({ ...message, id })}\n`);
      } else replay.push(`${JSON.stringify(message)}\n`);
    };

    let outputError: Error | undefined;
    const handOver = (ended: boolean, error?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      input.pause();
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('error', onError);
      const stream = new PassThrough();
      for (const line of replay) stream.write(line);
      if (bufferedBytes) stream.write(Buffer.concat(buffered));
      if (error) stream.destroy(error);
      else if (ended || outputError) stream.end();
      else {
        // The reader's pauses reach the client's input (a paused input lets the process end).
        stream.on('pause', () => input.pause());
        stream.on('resume', () => input.resume());
        input.on('error', (e) => stream.destroy(e));
        input.pipe(stream);
      }
      const release = () => output.off('error', onOutputError);
      const close = () => {
        release();
        input.unpipe(stream);
        input.pause();
        stream.destroy();
      };
      resolve({ input: stream, replayed, outputError: () => outputError, release, close });
    };

    /** Answer one message; false when it is the server's to answer (the handover follows). */
    const answer = (message: Json): boolean => {
      const { method, id } = message;
      const isRequest = typeof id === 'string' || typeof id === 'number';
      if (message.jsonrpc !== '2.0') return false;
      if (method === 'initialize' && isRequest && replay.length === 0) {
        const requested = isObject(message.params) ? message.params.protocolVersion : undefined;
        const protocolVersion = answers.protocolVersions.includes(requested as string) ? requested : answers.protocolVersions[0];
        send({ jsonrpc: '2.0', id, result: { protocolVersion, ...answers.initialize } });
        keep(message);
        return true;
      }
      if (replay.length === 0) return false;
      if (method === 'ping' && isRequest) {
        send({ jsonrpc: '2.0', id, result: {} });
        return true;
      }
      if (method === 'notifications/initialized' && !isRequest && !initialized) {
        initialized = true;
        keep(message);
        timer = setTimeout(() => handOver(false), HANDOVER_AFTER_INITIALIZED_MS);
        return true;
      }
      if (method === 'tools/list' && isRequest && !(isObject(message.params) && message.params.cursor !== undefined)) {
        send({ jsonrpc: '2.0', id, result: listedTools(answers, selection) });
        keep(message);
        setImmediate(() => handOver(false));
        return true;
      }
      return false;
    };

    const onData = (chunk: Buffer) => {
      buffered.push(chunk);
      bufferedBytes += chunk.length;
      for (;;) {
        if (done) return;
        const all = buffered.length === 1 ? buffered[0]! : Buffer.concat(buffered);
        buffered = [all];
        const nl = all.indexOf(10);
        if (nl < 0 || nl > MAX_EARLY_LINE) {
          if (bufferedBytes > MAX_EARLY_LINE) handOver(false);
          return;
        }
        let message: unknown;
        try {
          message = JSON.parse(all.toString('utf8', 0, nl).replace(/\r$/, ''));
        } catch {
          message = null;
        }
        if (!isObject(message) || !answer(message)) return handOver(false);
        const rest = all.subarray(nl + 1);
        buffered = rest.length ? [rest] : [];
        bufferedBytes = rest.length;
      }
    };
    const onEnd = () => handOver(true);
    const onError = (error: Error) => handOver(false, error);
    const onOutputError = (error: Error) => {
      outputError ??= error;
      handOver(false);
    };
    input.on('data', onData);
    input.on('end', onEnd);
    input.on('error', onError);
    output.on('error', onOutputError);
  });
}

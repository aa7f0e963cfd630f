import type { IncomingMessage } from 'node:http';
import type { Refusal } from './http-guard.js';

type BodyOutcome = { ok: true; value: unknown } | { ok: false; refusal: Refusal };

function tooLarge(maxBytes: number): BodyOutcome {
  return {
    ok: false,
    refusal: {
      status: 413,
      message: `the request body is over ${maxBytes / 1048576} MB; send smaller messages (a plan document is far below this)`,
      // the rest of the body is not read, so the connection cannot carry another request
      headers: { connection: 'close' },
    },
  };
}

/**
 * Read a JSON request body of at most `maxBytes`: refused from the declared Content-Length
 * before reading anything, or as soon as the bytes read pass the limit (the rest is left
 * unread and the connection closes after the answer).
 */
export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<BodyOutcome> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve(tooLarge(maxBytes));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        stop();
        req.pause();
        chunks.length = 0;
        resolve(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      try {
        resolve({ ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      } catch (e) {
        resolve({
          ok: false,
          refusal: { status: 400, code: -32700, message: `the body is not valid JSON (${(e as Error).message}); send one JSON-RPC message or a batch` },
        });
      }
    };
    const onError = (e: Error) => {
      stop();
      resolve({ ok: false, refusal: { status: 400, message: `the request body could not be read (${e.message})`, headers: { connection: 'close' } } });
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * A reader that goes away before the output ends (`specplan --help | head -1`) ends the output,
 * not the command: the rest of what the command prints is dropped, its work and its exit code
 * are unchanged, and no stack trace is printed. Any other error of the stream is raised as before.
 */
export function dropOutputOnceClosed(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    stream.write = ((_chunk: unknown, encoding?: unknown, done?: unknown) => {
      const callback = typeof encoding === 'function' ? encoding : done;
      if (typeof callback === 'function') queueMicrotask(() => callback());
      return true;
    }) as typeof stream.write;
  });
}

/** The outcome of a call, comparable with `toEqual`: its value, or the error's name, message and hint. */
export async function outcome(call: () => unknown): Promise<unknown> {
  try {
    return { ok: await call() };
  } catch (e) {
    const err = e as { name: string; message: string; hint?: unknown };
    return { error: err.name, message: err.message, hint: err.hint };
  }
}

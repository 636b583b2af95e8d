// A refusal: the user asked for something the rules do not allow. It carries a message-catalogue
// key and its parameters, never a sentence: the CLI turns it into the user's language.
export type MessageParams = Record<string, string | number>;

export class Refusal extends Error {
  constructor(
    readonly code: string,
    readonly params: MessageParams = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'Refusal';
  }
}

export function isRefusal(e: unknown): e is Refusal {
  return e instanceof Refusal;
}

/** Make sure a refusal about one of many orders says which order it was. */
export function withOrderNo<T>(no: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Refusal && !('no' in e.params)) throw new Refusal(e.code, { ...e.params, no });
    throw e;
  }
}

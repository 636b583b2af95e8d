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

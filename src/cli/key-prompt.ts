// A one-key question: Enter or a letter answers at once (no Enter after the letter), so the queue
// takes one keystroke per order when the suggestion is right.
import { createPrompt, isEnterKey, useKeypress, usePrefix, useState } from '@inquirer/core';

export interface KeyPromptConfig {
  message: string;
  /** The answer Enter gives. */
  enter: string;
  /** Letter → answer. */
  keys: Record<string, string>;
  /** What the line shows once answered. */
  label: (answer: string) => string;
}

export const keyPrompt = createPrompt<string, KeyPromptConfig>((config, done) => {
  const [answer, setAnswer] = useState<string | undefined>(undefined);
  const prefix = usePrefix({ status: answer === undefined ? 'idle' : 'done' });
  useKeypress((key, rl) => {
    if (answer !== undefined) return;
    const picked = isEnterKey(key) ? config.enter : config.keys[(key.name ?? '').toLowerCase()];
    rl.clearLine(0);
    if (picked === undefined) return;
    setAnswer(picked);
    done(picked);
  });
  return answer === undefined ? `${prefix} ${config.message}` : `${prefix} ${config.label(answer)}`;
});

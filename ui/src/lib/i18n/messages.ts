// What the core reports (errors, import notes, conflicts) in the interface's language.
// The core sends a stable `kind` with `params` next to an English `message`; the words
// live in the message files under 'msg.<kind>' (and 'code.<code>' for the few plain
// codes worth wording). Only a kind the message files do not know shows the English.
import { hasMessage, t, type MessageKey } from './index.svelte';

/** What the core sends with a kind: names to decimal or plain text. */
export type Params = Record<string, string> | null | undefined;

/** The sentence for a reported `kind` (else `code`), falling back to `english`. */
export function describe(english: string, kind?: string | null, params?: Params, code?: string | null): string {
  if (kind && hasMessage(`msg.${kind}`)) return t(`msg.${kind}` as MessageKey, params ?? undefined);
  if (code && hasMessage(`code.${code}`)) return t(`code.${code}` as MessageKey);
  return english;
}

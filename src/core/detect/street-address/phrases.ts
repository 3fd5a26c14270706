import { tokenize, type Token } from './tokens.js';

interface PhraseToken {
  readonly form: string;
  readonly joined: boolean;
}

interface Phrase {
  readonly tokens: readonly PhraseToken[];
  readonly value: string;
}

export interface PhraseMatch {
  /** Index of the first token after the phrase. */
  readonly next: number;
  /** The canonical value the phrase stands for. */
  readonly value: string;
}

/**
 * Lexicon entries (one or more tokens: `c/`, `block of`, `N.L.`) looked up at a token position.
 * Entries are tokenized like the text, so spacing inside an entry must match the text's
 * (`C.P.` and `C. P.` are two entries); a phrase never spans a line break.
 */
export class PhraseIndex {
  private readonly byFirst = new Map<string, Phrase[]>();

  /**
   * @param entries canonical value → its written forms
   * @param matchCase compare the text as written (for upper-case codes such as `IL`), not folded
   */
  constructor(
    entries: Readonly<Record<string, readonly string[]>>,
    private readonly matchCase = false,
  ) {
    for (const [value, forms] of Object.entries(entries)) {
      for (const form of forms) {
        const tokens = tokenize(form).map((t) => ({ form: matchCase ? t.text : t.key, joined: t.joined }));
        const first = tokens[0]?.form;
        if (first === undefined) continue;
        const list = this.byFirst.get(first) ?? [];
        list.push({ tokens, value });
        this.byFirst.set(first, list);
      }
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  }

  /** Every form maps to itself. */
  static of(forms: readonly string[], matchCase = false): PhraseIndex {
    return new PhraseIndex(Object.fromEntries(forms.map((f) => [f, [f]])), matchCase);
  }

  /** The longest entry that starts at token `at`. */
  match(tokens: readonly Token[], at: number): PhraseMatch | undefined {
    const head = tokens[at];
    if (head === undefined) return undefined;
    const candidates = this.byFirst.get(this.formOf(head));
    if (candidates === undefined) return undefined;
    for (const phrase of candidates) {
      if (this.matchesAt(tokens, at, phrase)) return { next: at + phrase.tokens.length, value: phrase.value };
    }
    return undefined;
  }

  /** The folded first tokens of all entries: a cheap test of whether a token may start one. */
  firstForms(): Iterable<string> {
    return this.byFirst.keys();
  }

  /** A one-token entry with this (folded) form exists. */
  hasForm(form: string): boolean {
    return this.byFirst.get(form)?.some((p) => p.tokens.length === 1) === true;
  }

  private formOf(token: Token): string {
    return this.matchCase ? token.text : token.key;
  }

  private matchesAt(tokens: readonly Token[], at: number, phrase: Phrase): boolean {
    for (let i = 1; i < phrase.tokens.length; i++) {
      const t = tokens[at + i];
      const p = phrase.tokens[i];
      if (t === undefined || p === undefined) return false;
      if (t.newlineBefore || t.joined !== p.joined || this.formOf(t) !== p.form) return false;
    }
    return true;
  }
}

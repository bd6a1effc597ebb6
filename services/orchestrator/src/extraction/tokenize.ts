/**
 * A single-pass, hand-written scanner for incident descriptions.
 *
 * Extraction works on tokens rather than on the raw string so that every later step is a bounded look
 * around one token: no regular expression ever sees unbounded input, and the whole pipeline stays
 * linear in the length of the description.
 */

export const TokenKind = {
  /** A run of `[A-Za-z0-9._-]` (plus in-word apostrophes), possible Kubernetes names live here. */
  Word: 'word',
  /** One ASCII punctuation character: `/`, `=`, `:`, `(`, `{`, `*`, ... */
  Punct: 'punct',
  /** One quote character, ASCII or typographic. */
  Quote: 'quote',
  /** `scheme://...` up to the next whitespace: never mined for names. */
  Url: 'url',
} as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

export interface Token {
  kind: TokenKind;
  /** Words: the text with trailing sentence dots and Markdown underscores trimmed. Others: the source text. */
  text: string;
  /** `text` lowercased, for vocabulary look-ups. */
  lower: string;
  /** True when whitespace or a separator character stands between this token and the previous one. */
  spaced: boolean;
  /**
   * True when the word touches a character that would belong to a word in a human language (accented Latin,
   * Greek, Cyrillic) or an invisible/bidi control. Such a word was cut out of something longer, or disguises
   * itself, so it is never taken for a name.
   */
  tainted: boolean;
  /** Zero-based line number: pasted `kubectl get pods` tables are read row by row. */
  line: number;
  /**
   * Zero-based clause number: a new clause starts after a line break, `,`, `;`, `!`, `?` or a sentence-ending
   * dot. `pod web-1 is fine, but pod web-2 is OOMKilled` puts the symptom in web-2's clause.
   */
  clause: number;
}

const QUOTES = new Set(["'", '"', '`', '\u2018', '\u2019', '\u201c', '\u201d', '\u00ab', '\u00bb', '\u2039', '\u203a']);

const CLAUSE_ENDS = new Set([',', ';', '!', '?']);

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isWordChar(c: number): boolean {
  return isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 45 /* - */ || c === 46 /* . */ || c === 95 /* _ */;
}

/** ASCII whitespace and control characters, including NUL. */
function isAsciiSeparator(c: number): boolean {
  return c <= 32 || c === 127;
}

/**
 * Non-ASCII characters that glue onto a word rather than separate it: accented Latin, IPA, combining marks,
 * Greek, Cyrillic, Armenian and Latin Extended Additional, look-alike hyphens (U+2010..U+2012, U+2212) and
 * zero-width / bidi controls. Any other non-ASCII
 * character (CJK, emoji, typographic dashes, NBSP) separates words, so `web-1出现` still yields `web-1`.
 */
function isTaintingChar(c: number): boolean {
  return (
    (c >= 0x00c0 && c <= 0x058f) ||
    (c >= 0x1e00 && c <= 0x1eff) ||
    (c >= 0x2010 && c <= 0x2012) ||
    c === 0x2212 ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x2064) ||
    c === 0xfeff
  );
}

function trimWord(raw: string): string {
  let start = 0;
  let end = raw.length;
  // Trailing dots end sentences (`web-1.`, `web-1...`); underscores around a word are Markdown emphasis.
  while (end > start && (raw.charCodeAt(end - 1) === 46 || raw.charCodeAt(end - 1) === 95)) end--;
  while (start < end && raw.charCodeAt(start) === 95) start++;
  // A possessive (`web-1's logs`) names the thing before it.
  if (end - start > 2 && raw.charCodeAt(end - 2) === 39 && (raw.charCodeAt(end - 1) | 32) === 115) end -= 2;
  return raw.slice(start, end);
}

/**
 * The first `maxChars` characters of `input`, cut before any word the limit would split: half a name is another,
 * wrong name (`web-12` cut to `web-1`).
 */
export function truncateAtWordBoundary(input: string, maxChars: number): string {
  if (input.length <= maxChars) return input;
  let end = maxChars;
  if (isWordChar(input.charCodeAt(end))) {
    while (end > 0 && isWordChar(input.charCodeAt(end - 1))) end--;
  }
  return input.slice(0, end);
}

/** Splits `input` into tokens in one left-to-right pass. Never throws; O(input.length). */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const length = input.length;
  let spaced = true;
  let line = 0;
  let clause = 0;
  let taintNext = false;
  let i = 0;
  while (i < length) {
    const c = input.charCodeAt(i);
    if (isWordChar(c)) {
      let j = i + 1;
      while (j < length) {
        const d = input.charCodeAt(j);
        if (isWordChar(d)) {
          j++;
        } else if (d === 39 && isAsciiLetter(input.charCodeAt(j - 1)) && isAsciiLetter(input.charCodeAt(j + 1))) {
          // An apostrophe inside a word (`can't`, `pod's`) does not open a quote.
          j++;
        } else {
          break;
        }
      }
      if (input.startsWith('://', j)) {
        let k = j + 3;
        while (k < length) {
          const d = input.charCodeAt(k);
          if (isAsciiSeparator(d) || d === 34 || d === 60 || d === 62 || d === 96 || d > 127) break;
          k++;
        }
        const url = input.slice(i, k);
        tokens.push({ kind: TokenKind.Url, text: url, lower: url, spaced, tainted: true, line, clause });
        spaced = false;
        taintNext = false;
        i = k;
        continue;
      }
      const text = trimWord(input.slice(i, j));
      const tainted = taintNext || (j < length && isTaintingChar(input.charCodeAt(j)));
      if (text.length > 0) {
        tokens.push({ kind: TokenKind.Word, text, lower: text.toLowerCase(), spaced, tainted, line, clause });
      }
      if (input.charCodeAt(j - 1) === 46) clause++;
      spaced = text.length === 0;
      taintNext = false;
      i = j;
      continue;
    }
    if (c < 128) {
      if (isAsciiSeparator(c)) {
        spaced = true;
        if (c === 10) {
          line++;
          clause++;
        }
      } else {
        const ch = input[i] as string;
        tokens.push({
          kind: QUOTES.has(ch) ? TokenKind.Quote : TokenKind.Punct,
          text: ch,
          lower: ch,
          spaced,
          tainted: false,
          line,
          clause,
        });
        if (CLAUSE_ENDS.has(ch)) clause++;
        spaced = false;
      }
      taintNext = false;
      i++;
      continue;
    }
    const ch = input[i] as string;
    if (QUOTES.has(ch)) {
      tokens.push({ kind: TokenKind.Quote, text: ch, lower: ch, spaced, tainted: false, line, clause });
      spaced = false;
      taintNext = false;
    } else {
      if (isTaintingChar(c)) {
        taintNext = true;
        const previous = tokens[tokens.length - 1];
        if (previous !== undefined && !spaced && previous.kind === TokenKind.Word) previous.tainted = true;
      } else {
        taintNext = false;
      }
      spaced = true;
    }
    i++;
  }
  return tokens;
}

/** What replaces a credential. */
export const MASK = '****';

export interface MaskResult {
  lines: string[];
  /** How many credentials were replaced. */
  maskedCount: number;
}

interface MaskRule {
  name: string;
  pattern: RegExp;
  /** The replacement for one match; the caller counts it as one credential. */
  replace: (match: string, ...groups: (string | undefined)[]) => string;
}

// Why these patterns stay linear on hostile input: every repeated part has an upper bound, and each pattern
// can only start at the beginning of a token (negative lookbehind), so a long run of token characters is
// scanned from one start, not from each of its positions. tests/unit/mask-secrets.test.ts times 1 MiB lines.
const TOKEN_CHAR = 'A-Za-z0-9_\\-';

// Key names whose value is a credential, as they appear in env dumps, config files and JSON:
// DB_PASSWORD, passwd, pwd, token, access_token, client_secret, api_key, apikey, x-api-key, access_key,
// aws_secret_access_key, private_key, credentials.
const SECRET_KEY =
  '(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]{0,64}?(?:password|passwd|pwd|token|secret|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)[A-Za-z0-9_-]{0,24})';
const QUOTED_OR_BARE_VALUE = String.raw`(?:"([^"\r\n]{1,4096})"|'([^'\r\n]{1,4096})'|([^\s"',;&)}\]]{1,4096}))`;

const RULES: MaskRule[] = [
  {
    // A PEM private key on one line (JSON-escaped "\n" or a flattened key): the whole body.
    name: 'private-key',
    pattern: /(-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----)[^-]{1,16384}(-----END [A-Z ]{0,40}PRIVATE KEY-----)?/g,
    replace: (_m, begin, end) => `${begin}${MASK}${end ?? ''}`,
  },
  {
    name: 'jwt',
    pattern: new RegExp(
      `(?<![${TOKEN_CHAR}.])eyJ[${TOKEN_CHAR}]{5,8192}\\.eyJ[${TOKEN_CHAR}]{1,8192}\\.[${TOKEN_CHAR}]{0,8192}`,
      'g',
    ),
    replace: () => MASK,
  },
  {
    name: 'github-token',
    pattern: new RegExp(`(?<![${TOKEN_CHAR}])(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{20,255})`, 'g'),
    replace: () => MASK,
  },
  {
    name: 'slack-token',
    pattern: new RegExp(`(?<![${TOKEN_CHAR}])xox[abposre]-[A-Za-z0-9-]{10,255}`, 'g'),
    replace: () => MASK,
  },
  {
    name: 'aws-access-key-id',
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
    replace: () => MASK,
  },
  {
    // `Authorization: Bearer x`, `Proxy-Authorization: Basic x`, `authorization=x`, `"Authorization": "Token x"`:
    // the scheme stays readable, the credential does not.
    name: 'authorization-header',
    pattern:
      /(?<![A-Za-z0-9_-])((?:proxy-)?authorization["']?\s{0,8}[:=]\s{0,8}["']?)(?:([A-Za-z][A-Za-z0-9_-]{0,30})\s{1,8})?([^\s"',;()]{1,8192})/gi,
    // A credential an earlier rule already masked (a JWT) is left alone, so it is counted once.
    replace: (match, prefix, scheme, credential) =>
      credential?.startsWith(MASK) ? match : `${prefix}${scheme ? `${scheme} ` : ''}${MASK}`,
  },
  {
    // scheme://user:password@host
    name: 'url-credentials',
    pattern: /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/[^\s:/@]{0,256}:)([^\s/@]{1,512})@/g,
    replace: (_m, prefix) => `${prefix}${MASK}@`,
  },
  {
    // password=x, password: x, "password": "x", client_secret='x', token=x&...
    name: 'secret-key-value',
    pattern: new RegExp(`${SECRET_KEY}(["']?\\s{0,8}[:=]\\s{0,8})${QUOTED_OR_BARE_VALUE}`, 'gi'),
    replace: (_m, key, separator, doubleQuoted, singleQuoted) => {
      const value = doubleQuoted !== undefined ? `"${MASK}"` : singleQuoted !== undefined ? `'${MASK}'` : MASK;
      return `${key}${separator}${value}`;
    },
  },
];

const PEM_BEGIN = /-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----/;
const PEM_END = /-----END [A-Z ]{0,40}PRIVATE KEY-----/;

/**
 * Masks credentials in log lines before they leave the agent. A PEM private key printed over several lines
 * is masked from its BEGIN line to its END line. Already masked values are not counted again.
 */
export function maskSecrets(lines: readonly string[]): MaskResult {
  let maskedCount = 0;
  let insidePrivateKey = false;
  let keyBodyCounted = false;
  const out = lines.map((line) => {
    if (insidePrivateKey) {
      if (PEM_END.test(line)) {
        insidePrivateKey = false;
        return line;
      }
      if (!keyBodyCounted) {
        maskedCount += 1;
        keyBodyCounted = true;
      }
      return MASK;
    }
    let masked = line;
    for (const rule of RULES) {
      masked = masked.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
        // replace() passes the groups, then the offset and the whole string: keep the groups only.
        const groups = rest.slice(0, -2).map((g) => (typeof g === 'string' ? g : undefined));
        const replacement = rule.replace(match, ...groups);
        if (replacement !== match) maskedCount += 1;
        return replacement;
      });
    }
    // A BEGIN line without its END starts a key printed over several lines: mask until the END line.
    if (PEM_BEGIN.test(line) && !PEM_END.test(line)) {
      insidePrivateKey = true;
      keyBodyCounted = masked !== line;
    }
    return masked;
  });
  return { lines: out, maskedCount };
}

/** One line masked on its own (an event message, a probe handler). */
export function maskLine(line: string): string {
  return maskSecrets([line]).lines[0] ?? line;
}

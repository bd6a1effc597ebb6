/** One `key op value` term of a label or field selector. */
export interface SelectorTerm {
  key: string;
  op: '=' | '!=' | 'in' | 'notin' | 'exists' | '!exists';
  values: string[];
}

export class SelectorError extends Error {}

/** Splits on commas outside parentheses, so `env in (a,b),tier=web` yields two terms. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  terms.push(current);
  return terms.map((t) => t.trim()).filter((t) => t.length > 0);
}

/** Parses a label selector: `k=v`, `k==v`, `k!=v`, `k`, `!k`, `k in (a,b)`, `k notin (a,b)`. */
export function parseLabelSelector(selector: string): SelectorTerm[] {
  return splitTerms(selector).map((term) => {
    const set = /^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (set?.[1] && set[2] && set[3] !== undefined) {
      const values = set[3].split(',').map((v) => v.trim());
      return { key: set[1], op: set[2] as 'in' | 'notin', values };
    }
    const eq = /^([^\s!=]+)\s*(==|=|!=)\s*([^\s,=!]*)$/.exec(term);
    if (eq?.[1] && eq[2] && eq[3] !== undefined) {
      return { key: eq[1], op: eq[2] === '!=' ? '!=' : '=', values: [eq[3]] };
    }
    if (/^![^\s!=(),]+$/.test(term)) return { key: term.slice(1), op: '!exists', values: [] };
    if (/^[^\s!=(),]+$/.test(term)) return { key: term, op: 'exists', values: [] };
    throw new SelectorError(`unable to parse requirement: invalid label selector term "${term}"`);
  });
}

export function matchesLabels(terms: SelectorTerm[], labels: Record<string, string> | undefined): boolean {
  return terms.every((t) => {
    const value = labels?.[t.key];
    switch (t.op) {
      case '=':
        return value === t.values[0];
      case '!=':
        return value !== t.values[0];
      case 'in':
        return value !== undefined && t.values.includes(value);
      case 'notin':
        return value === undefined || !t.values.includes(value);
      case 'exists':
        return value !== undefined;
      case '!exists':
        return value === undefined;
      default:
        return false;
    }
  });
}

/**
 * Parses a field selector (`k=v`, `k==v`, `k!=v`, comma-joined) and rejects fields the resource does not index,
 * with the apiserver's own wording.
 */
export function parseFieldSelector(selector: string, supported: ReadonlySet<string>): SelectorTerm[] {
  return splitTerms(selector).map((term) => {
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(term);
    if (!m?.[1] || !m[2] || m[3] === undefined) {
      throw new SelectorError(`invalid selector: '${selector}'; can't understand '${term}'`);
    }
    const key = m[1].trim();
    if (!supported.has(key)) throw new SelectorError(`field label not supported: ${key}`);
    return { key, op: m[2] === '!=' ? '!=' : '=', values: [m[3].trim()] };
  });
}

export function matchesFields(terms: SelectorTerm[], fields: Record<string, string>): boolean {
  return terms.every((t) => (t.op === '=' ? fields[t.key] === t.values[0] : fields[t.key] !== t.values[0]));
}

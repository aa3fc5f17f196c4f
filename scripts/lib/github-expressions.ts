/**
 * GitHub Actions expressions (`${{ ... }}`), evaluated only as far as the CI role's rules need: the
 * literal values an expression such as `contains(github.ref_name, '-dev') && 'dev' || 'prod'` can
 * yield, and whether it may yield something no literal names (`open`). Used by ci-role-rules.ts.
 */

type Token = { kind: 'string' | 'number' | 'ident' | 'op'; text: string };

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < expression.length) {
    const rest = expression.slice(at);
    const space = /^\s+/.exec(rest);
    if (space) {
      at += space[0].length;
      continue;
    }
    const string = /^'((?:[^']|'')*)'/.exec(rest);
    if (string) {
      tokens.push({ kind: 'string', text: string[1].replace(/''/g, "'") });
      at += string[0].length;
      continue;
    }
    const number = /^-?(?:0x[0-9a-f]+|\d+(?:\.\d+)?(?:e[+-]?\d+)?)/i.exec(rest);
    if (number) {
      tokens.push({ kind: 'number', text: number[0] });
      at += number[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_-]*(?:\.(?:[A-Za-z_*][A-Za-z0-9_-]*|\*))*/.exec(rest);
    if (ident) {
      tokens.push({ kind: 'ident', text: ident[0] });
      at += ident[0].length;
      continue;
    }
    const op = /^(?:&&|\|\||==|!=|<=|>=|[<>!(),[\]])/.exec(rest);
    if (!op) throw new Error(`cannot read the expression at "${rest}"`);
    tokens.push({ kind: 'op', text: op[0] });
    at += op[0].length;
  }
  return tokens;
}

/** What an expression can evaluate to, as far as a name goes: string literals, and whether anything else (a context value) can come out. */
export interface Outcomes {
  values: string[];
  /** A value that is not a literal (say `github.ref_name`) can be the result. */
  open: boolean;
  /** The result can be falsy (false, '', null, 0), so `x || y` can yield y. */
  falsy?: boolean;
}

const BOOLEAN: Outcomes = { values: [], open: false, falsy: true };
const CONTEXT: Outcomes = { values: [], open: true, falsy: true };
/** Functions whose result is a string or an arbitrary value; every other function yields a boolean. */
const VALUE_FUNCTIONS = new Set(['format', 'join', 'tojson', 'fromjson', 'hashfiles']);

/**
 * The possible results of a GitHub Actions expression (without `${{ }}`). `a && b` yields a falsy
 * `a` or `b`, `a || b` a truthy `a` or `b`; comparisons, `!` and functions like `contains` yield
 * booleans, which no environment is named after. So `contains(github.ref_name, '-dev') && 'dev'
 * || 'prod'` yields `dev` or `prod` (the `'-dev'` is an argument, never a result).
 */
export function expressionOutcomes(expression: string): Outcomes {
  const tokens = tokenize(expression);
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const isOp = (text: string): boolean => peek()?.kind === 'op' && peek()?.text === text;
  const expect = (text: string): void => {
    if (!isOp(text)) throw new Error(`expected "${text}" in ${expression}`);
    at += 1;
  };

  const primary = (): Outcomes => {
    const token = peek();
    if (!token) throw new Error(`unexpected end of ${expression}`);
    at += 1;
    if (token.kind === 'string') return { values: [token.text], open: false, falsy: token.text === '' };
    if (token.kind === 'number') return BOOLEAN;
    if (token.kind === 'op' && token.text === '(') {
      const inner = or();
      expect(')');
      return inner;
    }
    if (token.kind === 'ident') {
      if (isOp('(')) {
        at += 1;
        while (!isOp(')')) {
          or();
          if (isOp(',')) at += 1;
        }
        at += 1;
        return VALUE_FUNCTIONS.has(token.text.toLowerCase()) ? CONTEXT : BOOLEAN;
      }
      let value: Outcomes = ['true', 'false', 'null'].includes(token.text) ? BOOLEAN : CONTEXT;
      while (isOp('[')) {
        at += 1;
        or();
        expect(']');
        value = CONTEXT;
      }
      return value;
    }
    throw new Error(`unexpected "${token.text}" in ${expression}`);
  };
  const unary = (): Outcomes => {
    if (isOp('!')) {
      at += 1;
      unary();
      return BOOLEAN;
    }
    const left = primary();
    if (['==', '!=', '<', '<=', '>', '>='].some(isOp)) {
      at += 1;
      primary();
      return BOOLEAN;
    }
    return left;
  };
  const and = (): Outcomes => {
    let result = unary();
    while (isOp('&&')) {
      at += 1;
      // A falsy left side is the result too, but no falsy value names an environment.
      const right = unary();
      result = { values: right.values, open: right.open, falsy: Boolean(result.falsy || right.falsy) };
    }
    return result;
  };
  function or(): Outcomes {
    let result = and();
    while (isOp('||')) {
      at += 1;
      const right = and();
      // The right side is reached only when the left one can be falsy.
      if (result.falsy)
        result = {
          values: [...new Set([...result.values, ...right.values])],
          open: result.open || right.open,
          falsy: right.falsy,
        };
    }
    return result;
  }
  const result = or();
  if (at !== tokens.length) throw new Error(`unexpected "${tokens[at].text}" in ${expression}`);
  return { values: result.values.filter((value) => value !== ''), open: result.open };
}

/** The values a workflow string with `${{ }}` parts can take (every combination of its parts). */
export function templateOutcomes(text: string): Outcomes {
  let values = [''];
  let open = false;
  let rest = text;
  for (let start = rest.indexOf('${{'); start >= 0; start = rest.indexOf('${{')) {
    const end = rest.indexOf('}}', start);
    if (end < 0) throw new Error(`unclosed expression in ${text}`);
    const literal = rest.slice(0, start);
    const outcomes = expressionOutcomes(rest.slice(start + 3, end));
    open ||= outcomes.open;
    values = values.flatMap((prefix) => outcomes.values.map((value) => prefix + literal + value));
    rest = rest.slice(end + 2);
  }
  return { values: values.map((prefix) => prefix + rest), open };
}

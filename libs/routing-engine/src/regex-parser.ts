import {
  ANY_CHAR,
  type CharSet,
  charRange,
  complement,
  DIGITS,
  singleChar,
  union,
  WHITESPACE,
  WORD_CHARS,
} from './char-set';

/**
 * A deliberately small model of a JavaScript regular expression, just detailed enough for the
 * safety analyser: which characters each part consumes, where the quantifiers are and what they
 * contain. Only patterns that `new RegExp(pattern, 'i')` already accepted are parsed.
 */
export type RegexNode =
  | { kind: 'chars'; set: CharSet }
  | { kind: 'assertion' }
  | { kind: 'backreference' }
  | { kind: 'sequence'; items: RegexNode[] }
  | { kind: 'alternation'; alternatives: RegexNode[]; source: string }
  | { kind: 'group'; body: RegexNode; zeroWidth: boolean }
  | { kind: 'repeat'; body: RegexNode; min: number; max: number; source: string };

export class UnsupportedRegexSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedRegexSyntaxError';
  }
}

const CONTROL_ESCAPES: Record<string, number> = { t: 0x09, n: 0x0a, v: 0x0b, f: 0x0c, r: 0x0d };
const CLASS_ESCAPES: Record<string, CharSet> = {
  d: DIGITS,
  D: complement(DIGITS),
  w: WORD_CHARS,
  W: complement(WORD_CHARS),
  s: WHITESPACE,
  S: complement(WHITESPACE),
};
const QUANTIFIER_BRACES = /^\{(\d+)(,(\d*))?\}/;
const HEX2 = /^[0-9a-fA-F]{2}/;
const HEX4 = /^[0-9a-fA-F]{4}/;

class RegexParser {
  private pos = 0;

  constructor(private readonly src: string) {}

  parse(): RegexNode {
    const node = this.disjunction();
    if (this.pos < this.src.length) throw new UnsupportedRegexSyntaxError(`unexpected "${this.peek()}"`);
    return node;
  }

  private peek(offset = 0): string | undefined {
    return this.src[this.pos + offset];
  }

  private disjunction(): RegexNode {
    const start = this.pos;
    const alternatives = [this.alternative()];
    while (this.peek() === '|') {
      this.pos++;
      alternatives.push(this.alternative());
    }
    if (alternatives.length === 1) return alternatives[0]!;
    return { kind: 'alternation', alternatives, source: this.src.slice(start, this.pos) };
  }

  private alternative(): RegexNode {
    const items: RegexNode[] = [];
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      items.push(this.term());
    }
    return { kind: 'sequence', items };
  }

  private term(): RegexNode {
    const start = this.pos;
    const char = this.peek();
    if (char === '^' || char === '$') {
      this.pos++;
      return { kind: 'assertion' };
    }
    if (char === '\\' && (this.peek(1) === 'b' || this.peek(1) === 'B')) {
      this.pos += 2;
      return { kind: 'assertion' };
    }
    const atom = char === '(' ? this.group() : this.atom();
    return this.quantified(atom, start);
  }

  private quantified(atom: RegexNode, start: number): RegexNode {
    let min: number;
    let max: number;
    const char = this.peek();
    if (char === '*') {
      min = 0;
      max = Infinity;
      this.pos++;
    } else if (char === '+') {
      min = 1;
      max = Infinity;
      this.pos++;
    } else if (char === '?') {
      min = 0;
      max = 1;
      this.pos++;
    } else if (char === '{') {
      const braces = QUANTIFIER_BRACES.exec(this.src.slice(this.pos));
      if (braces === null) return atom;
      min = Number(braces[1]);
      max = braces[2] === undefined ? min : braces[3] === '' ? Infinity : Number(braces[3]);
      this.pos += braces[0].length;
    } else {
      return atom;
    }
    if (this.peek() === '?') this.pos++;
    return { kind: 'repeat', body: atom, min, max, source: this.src.slice(start, this.pos) };
  }

  private group(): RegexNode {
    this.pos++;
    let zeroWidth = false;
    if (this.peek() === '?') {
      const next = this.peek(1);
      if (next === ':') {
        this.pos += 2;
      } else if (next === '=' || next === '!') {
        zeroWidth = true;
        this.pos += 2;
      } else if (next === '<' && (this.peek(2) === '=' || this.peek(2) === '!')) {
        zeroWidth = true;
        this.pos += 3;
      } else if (next === '<') {
        const close = this.src.indexOf('>', this.pos);
        if (close < 0) throw new UnsupportedRegexSyntaxError('unterminated group name');
        this.pos = close + 1;
      } else {
        throw new UnsupportedRegexSyntaxError(`unsupported group "(?${next ?? ''}"`);
      }
    }
    const body = this.disjunction();
    if (this.peek() !== ')') throw new UnsupportedRegexSyntaxError('unterminated group');
    this.pos++;
    return { kind: 'group', body, zeroWidth };
  }

  private atom(): RegexNode {
    const char = this.peek();
    if (char === '.') {
      this.pos++;
      return { kind: 'chars', set: ANY_CHAR };
    }
    if (char === '[') return { kind: 'chars', set: this.characterClass() };
    if (char === '\\') return this.atomEscape();
    return { kind: 'chars', set: singleChar(this.literal()) };
  }

  private literal(): number {
    const codePoint = this.src.codePointAt(this.pos) ?? 0;
    this.pos += codePoint > 0xffff ? 2 : 1;
    return codePoint;
  }

  private atomEscape(): RegexNode {
    this.pos++;
    const char = this.peek();
    if (char !== undefined && /[1-9]/.test(char)) return { kind: 'backreference' };
    if (char === 'k') return { kind: 'backreference' };
    return { kind: 'chars', set: this.escapedSet(false) };
  }

  /** The character set of an escape; `pos` is just after the backslash. */
  private escapedSet(inClass: boolean): CharSet {
    const char = this.peek();
    if (char === undefined) throw new UnsupportedRegexSyntaxError('trailing backslash');
    const classEscape = CLASS_ESCAPES[char];
    if (classEscape !== undefined) {
      this.pos++;
      return classEscape;
    }
    const control = CONTROL_ESCAPES[char];
    if (control !== undefined) {
      this.pos++;
      return singleChar(control);
    }
    if (char === 'b' && inClass) {
      this.pos++;
      return singleChar(0x08);
    }
    if (char === 'x' || char === 'u') {
      const hex = (char === 'x' ? HEX2 : HEX4).exec(this.src.slice(this.pos + 1));
      if (hex !== null) {
        this.pos += 1 + hex[0].length;
        return singleChar(parseInt(hex[0], 16));
      }
    }
    if (/[0-9]/.test(char) || char === 'c') {
      // Octal and control escapes are rare; treating them as "any character" is the cautious reading.
      this.pos++;
      return ANY_CHAR;
    }
    return singleChar(this.literal());
  }

  private characterClass(): CharSet {
    this.pos++;
    const negated = this.peek() === '^';
    if (negated) this.pos++;
    const parts: CharSet[] = [];
    while (this.peek() !== ']') {
      if (this.pos >= this.src.length) throw new UnsupportedRegexSyntaxError('unterminated class');
      const low = this.classAtom();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.pos++;
        const high = this.classAtom();
        const lowPoint = singlePoint(low);
        const highPoint = singlePoint(high);
        if (lowPoint !== null && highPoint !== null) {
          parts.push(charRange(lowPoint, highPoint));
        } else {
          parts.push(low, singleChar(0x2d), high);
        }
      } else {
        parts.push(low);
      }
    }
    this.pos++;
    const set = union(...parts);
    return negated ? complement(set) : set;
  }

  private classAtom(): CharSet {
    if (this.peek() === '\\') {
      this.pos++;
      return this.escapedSet(true);
    }
    return singleChar(this.literal());
  }
}

function singlePoint(set: CharSet): number | null {
  const only = set.length === 1 ? set[0] : undefined;
  return only !== undefined && only[0] === only[1] ? only[0] : null;
}

export function parseRegex(pattern: string): RegexNode {
  return new RegexParser(pattern).parse();
}

/**
 * Finding the code in a model answer. Order of preference: a python-tagged fenced block, any
 * fenced block, then the whole answer when it looks like code (the caller confirms that it
 * compiles). Among blocks of the same kind, the one defining the entry point wins, else the
 * first (later blocks are usually usage examples). An unclosed final fence (answer cut off by
 * max_tokens) still counts as a block.
 */
export interface Extracted {
  code: string | null;
  from: 'fenced-python' | 'fenced' | 'whole' | 'none';
}

interface Block {
  lang: string;
  code: string;
}

const PYTHON_TAGS = new Set(['python', 'py', 'python3', 'py3']);

export function fencedBlocks(answer: string): Block[] {
  const blocks: Block[] = [];
  let open: { lang: string; lines: string[] } | null = null;
  for (const line of answer.split('\n')) {
    const fence = /^\s*(```+|~~~+)\s*([\w+.#-]*)/.exec(line);
    if (!open && fence) open = { lang: fence[2]!.toLowerCase(), lines: [] };
    else if (open && fence && fence[2] === '') {
      blocks.push({ lang: open.lang, code: open.lines.join('\n') });
      open = null;
    } else if (open) open.lines.push(line);
  }
  if (open && open.lines.length) blocks.push({ lang: open.lang, code: open.lines.join('\n') });
  return blocks.filter((b) => b.code.trim() !== '');
}

export function definesFunction(code: string, name: string): boolean {
  return new RegExp(`^[ \\t]*(?:async[ \\t]+)?def[ \\t]+${name}[ \\t]*\\(`, 'm').test(code);
}

// A line that only code starts with; prose rarely does.
const CODE_LINE = /^(?:[ \t]+\S|(?:async\s+)?def\s+\w+\s*\(|class\s+\w+|import\s+\w|from\s+[\w.]+\s+import\s|return\b|@\w)/m;

export function looksLikeCode(text: string): boolean {
  return CODE_LINE.test(text);
}

export function extractCode(answer: string, entryPoint: string): Extracted {
  const blocks = fencedBlocks(answer);
  const pick = (bs: Block[]) => (bs.find((b) => definesFunction(b.code, entryPoint)) ?? bs[0])?.code;
  const py = pick(blocks.filter((b) => PYTHON_TAGS.has(b.lang)));
  if (py !== undefined) return { code: withNewline(py), from: 'fenced-python' };
  const any = pick(blocks);
  if (any !== undefined) return { code: withNewline(any), from: 'fenced' };
  if (answer.trim() && looksLikeCode(answer)) return { code: withNewline(answer), from: 'whole' };
  return { code: null, from: 'none' };
}

const withNewline = (s: string) => (s.endsWith('\n') ? s : `${s}\n`);

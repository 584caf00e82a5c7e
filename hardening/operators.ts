import { z } from 'zod';

/**
 * Mutation operators, by the names the CLI's `--operators` takes. mutator.py implements each one;
 * `return-none` is the classic check (one mutant per function: every `return <value>` returns None).
 */
export const OPERATORS = [
  'return-none',
  'comparison-swap',
  'arithmetic-swap',
  'and-or-swap',
  'condition-negation',
  'unary-removal',
  'number-plus-minus-1',
  'boolean-flip',
  'string-literal',
  'break-continue-swap',
  'zero-iteration-loop',
  'statement-deletion',
] as const;

export type Operator = (typeof OPERATORS)[number];
export const OperatorSchema = z.enum(OPERATORS);

/** Parses `a,b,c` (the CLI form); throws naming the unknown names and listing the known ones. */
export function parseOperatorList(csv: string): Operator[] {
  const names = csv.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(OPERATORS as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`--operators: unknown operator(s) ${JSON.stringify(unknown)}; expected a comma-separated list of: ${OPERATORS.join(', ')}`);
  }
  return [...new Set(names)] as Operator[];
}

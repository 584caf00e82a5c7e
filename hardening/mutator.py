"""Builds mutants of a Python program (stdlib ast + ast.unparse).

Reads one JSON object on stdin:
  {"source": str, "operators": [str], "solution_start": {"line": int, "column": int}}
and writes one JSON object on stdout: {"mutants": [...]} or {"error": str}.

solution_start (1-based line, 0-based UTF-8 byte column) marks where the solution begins: for
completion tasks the prompt (signature + docstring) precedes it and is not the solution, so only
nodes starting at or after it are mutated.

Each mutant is built on a fresh copy of the tree and the whole program is unparsed, so precedence
and indentation are always right; the executed source is therefore the unparsed program (same
semantics, normalised formatting), while line/column and the original snippet refer to the
original text, which is what the reports show.
"""
import ast
import copy
import json
import sys

STRING_REPLACEMENT = "Stryker was here!"

COMPARISON_SWAPS = {
    ast.Lt: [ast.LtE, ast.GtE],
    ast.LtE: [ast.Lt, ast.Gt],
    ast.Gt: [ast.GtE, ast.LtE],
    ast.GtE: [ast.Gt, ast.Lt],
    ast.Eq: [ast.NotEq],
    ast.NotEq: [ast.Eq],
    ast.Is: [ast.IsNot],
    ast.IsNot: [ast.Is],
    ast.In: [ast.NotIn],
    ast.NotIn: [ast.In],
}

# Each operator to its "inverse" (Stryker's ArithmeticOperator, extended to // and **).
ARITHMETIC_SWAPS = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Mult,
    ast.Mod: ast.Mult,
    ast.Pow: ast.Mult,
}

# Simple statements that statement-deletion replaces with `pass`. Compound statements are left
# alone: deleting a whole block is almost always trivially killed and hides finer survivors.
DELETABLE = (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr, ast.Return, ast.Raise,
             ast.Assert, ast.Delete, ast.Break, ast.Continue)

LOOPS = (ast.For, ast.AsyncFor, ast.While)
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def is_docstring(stmt, parent):
    """True for the first statement of a module/class/function when it is a bare string."""
    return (
        isinstance(parent, (ast.Module, ast.ClassDef) + FUNCTIONS)
        and parent.body
        and parent.body[0] is stmt
        and isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Constant)
        and isinstance(stmt.value.value, str)
    )


def walk_with_parents(tree):
    """Yields (node, parent, path); path is the list of (field, index) steps from the root."""
    stack = [(tree, None, [])]
    while stack:
        node, parent, path = stack.pop()
        yield node, parent, path
        children = []
        for field, value in ast.iter_fields(node):
            if isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, ast.AST):
                        children.append((item, node, path + [(field, i)]))
            elif isinstance(value, ast.AST):
                children.append((value, node, path + [(field, None)]))
        stack.extend(reversed(children))  # source order


def resolve(tree, path):
    node = tree
    for field, index in path:
        node = getattr(node, field)
        if index is not None:
            node = node[index]
    return node


def replace_at(tree, path, new_node):
    parent = resolve(tree, path[:-1])
    field, index = path[-1]
    if index is None:
        setattr(parent, field, new_node)
    else:
        getattr(parent, field)[index] = new_node


def own_returns(func):
    """`return <value>` statements of func itself (not of nested functions, lambdas or classes)."""
    scopes = FUNCTIONS + (ast.ClassDef, ast.Lambda)
    found, stack = [], [n for n in func.body if not isinstance(n, scopes)]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Return) and node.value is not None:
            found.append(node)
        stack.extend(c for c in ast.iter_child_nodes(node) if not isinstance(c, scopes))
    return sorted(found, key=lambda n: (n.lineno, n.col_offset))


def is_none(node):
    return isinstance(node, ast.Constant) and node.value is None


# --- Operators. Each takes (node, parent, path) and yields Edit objects ---------------------------

class Edit:
    """One mutation: `apply(tree)` changes a fresh copy; `anchor` is the node whose span is shown."""

    def __init__(self, anchor, apply, replacement, description):
        self.anchor, self.apply, self.replacement, self.description = anchor, apply, replacement, description


def swap_node(path, make, replacement, anchor, description):
    return Edit(anchor, lambda tree: replace_at(tree, path, make()), replacement, description)


def op_return_none(node, parent, path):
    if not isinstance(node, FUNCTIONS):
        return
    returns = [r for r in own_returns(node) if not is_none(r.value)]
    if not returns:
        return
    # Returns are found again on the copy by their position, which the copy preserves.
    keys = {(r.lineno, r.col_offset) for r in returns}

    def apply(tree):
        for r in own_returns(resolve(tree, path)):
            if (r.lineno, r.col_offset) in keys:
                r.value = ast.Constant(value=None)

    yield Edit(returns[0], apply, "return None",
               f"every `return <value>` of {node.name} ({len(returns)}) returns None")


def op_comparison_swap(node, parent, path):
    if not isinstance(node, ast.Compare):
        return
    for i, op in enumerate(node.ops):
        for new_op in COMPARISON_SWAPS.get(type(op), []):
            def make(i=i, new_op=new_op):
                new = copy.deepcopy(node)
                new.ops[i] = new_op()
                return new
            yield swap_node(path, make, ast.unparse(make()), node,
                            f"{type(op).__name__} -> {new_op.__name__}")


def op_arithmetic_swap(node, parent, path):
    if not isinstance(node, (ast.BinOp, ast.AugAssign)):
        return
    new_op = ARITHMETIC_SWAPS.get(type(node.op))
    if new_op is None:
        return

    def make():
        new = copy.deepcopy(node)
        new.op = new_op()
        return new
    yield swap_node(path, make, ast.unparse(make()), node, f"{type(node.op).__name__} -> {new_op.__name__}")


def op_and_or_swap(node, parent, path):
    if not isinstance(node, ast.BoolOp):
        return
    new_op = ast.Or if isinstance(node.op, ast.And) else ast.And

    def make():
        new = copy.deepcopy(node)
        new.op = new_op()
        return new
    yield swap_node(path, make, ast.unparse(make()), node, f"{type(node.op).__name__} -> {new_op.__name__}")


def op_condition_negation(node, parent, path):
    tests = []
    if isinstance(node, (ast.If, ast.While, ast.IfExp)):
        tests.append((path + [("test", None)], node.test))
    elif isinstance(node, ast.comprehension):
        tests.extend((path + [("ifs", i)], t) for i, t in enumerate(node.ifs))
    for test_path, test in tests:
        def make(test=test):
            return ast.UnaryOp(op=ast.Not(), operand=copy.deepcopy(test))
        yield swap_node(test_path, make, ast.unparse(make()), test, "condition negated")


def op_unary_removal(node, parent, path):
    if not isinstance(node, ast.UnaryOp):
        return
    yield swap_node(path, lambda: copy.deepcopy(node.operand), ast.unparse(node.operand), node,
                    f"{type(node.op).__name__} removed")


def is_number(node):
    return (isinstance(node, ast.Constant) and isinstance(node.value, (int, float))
            and not isinstance(node.value, bool))


def op_number_plus_minus_1(node, parent, path):
    if not is_number(node):
        return
    for delta in (1, -1):
        value = node.value + delta
        yield swap_node(path, lambda value=value: ast.Constant(value=value), repr(value), node,
                        f"{node.value!r} -> {value!r}")


def op_boolean_flip(node, parent, path):
    if not (isinstance(node, ast.Constant) and isinstance(node.value, bool)):
        return
    value = not node.value
    yield swap_node(path, lambda: ast.Constant(value=value), repr(value), node, f"{node.value} -> {value}")


def op_string_literal(node, parent, path):
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return
    if isinstance(parent, (ast.JoinedStr, ast.FormattedValue)):
        return  # pieces of an f-string: not literals of their own
    if isinstance(parent, ast.Expr):
        return  # a bare string statement (docstring or comment-like) does nothing to mutate
    value = "" if node.value else STRING_REPLACEMENT
    yield swap_node(path, lambda: ast.Constant(value=value), repr(value), node, f"string -> {value!r}")


def op_break_continue_swap(node, parent, path):
    if isinstance(node, ast.Break):
        yield swap_node(path, ast.Continue, "continue", node, "break -> continue")
    elif isinstance(node, ast.Continue):
        yield swap_node(path, ast.Break, "break", node, "continue -> break")


def op_zero_iteration_loop(node, parent, path):
    if isinstance(node, (ast.For, ast.AsyncFor)):
        yield swap_node(path + [("iter", None)], lambda: ast.List(elts=[], ctx=ast.Load()), "[]",
                        node.iter, "loop iterates over []")
    elif isinstance(node, ast.While) and not (isinstance(node.test, ast.Constant) and node.test.value is False):
        yield swap_node(path + [("test", None)], lambda: ast.Constant(value=False), "False",
                        node.test, "while condition -> False")


def op_statement_deletion(node, parent, path):
    if not isinstance(node, DELETABLE) or is_docstring(node, parent):
        return
    yield swap_node(path, ast.Pass, "pass", node, "statement deleted")


OPERATORS = {
    "return-none": op_return_none,
    "comparison-swap": op_comparison_swap,
    "arithmetic-swap": op_arithmetic_swap,
    "and-or-swap": op_and_or_swap,
    "condition-negation": op_condition_negation,
    "unary-removal": op_unary_removal,
    "number-plus-minus-1": op_number_plus_minus_1,
    "boolean-flip": op_boolean_flip,
    "string-literal": op_string_literal,
    "break-continue-swap": op_break_continue_swap,
    "zero-iteration-loop": op_zero_iteration_loop,
    "statement-deletion": op_statement_deletion,
}


# --- Driver ---------------------------------------------------------------------------------------

def char_column(lines, lineno, byte_col):
    """ast columns are UTF-8 byte offsets; reports want 1-based character columns."""
    line = lines[lineno - 1] if 0 < lineno <= len(lines) else ""
    return len(line.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore")) + 1


def in_solution(node, start):
    return (node.lineno, node.col_offset) >= (start["line"], start["column"])


def compile_error(src):
    """A SyntaxError raised while compiling (e.g. `nonlocal` without a binding), else None."""
    try:
        compile(src, "<mutant>", "exec")
        return None
    except SyntaxError as e:
        return f"SyntaxError: {e.msg} (line {e.lineno})"
    except ValueError as e:  # e.g. null bytes
        return f"ValueError: {e}"


def build_mutants(source, operators, start):
    tree = ast.parse(source)
    baseline = ast.unparse(tree)
    lines = source.splitlines()
    mutants = []
    for node, parent, path in walk_with_parents(tree):
        for name in operators:
            for edit in OPERATORS[name](node, parent, path):
                anchor = edit.anchor
                if not in_solution(anchor, start):
                    continue
                mutated = copy.deepcopy(tree)
                edit.apply(mutated)
                ast.fix_missing_locations(mutated)
                mutated_src = ast.unparse(mutated)
                if mutated_src == baseline:
                    continue
                mutants.append({
                    "operator": name,
                    "description": edit.description,
                    "start": {"line": anchor.lineno, "column": char_column(lines, anchor.lineno, anchor.col_offset)},
                    "end": {"line": anchor.end_lineno, "column": char_column(lines, anchor.end_lineno, anchor.end_col_offset)},
                    "original": ast.get_source_segment(source, anchor) or "",
                    "replacement": edit.replacement,
                    "source": mutated_src,
                    "compile_error": compile_error(mutated_src),
                })
    mutants.sort(key=lambda m: (m["start"]["line"], m["start"]["column"], m["operator"]))
    return mutants


def main():
    req = json.load(sys.stdin)
    unknown = [o for o in req["operators"] if o not in OPERATORS]
    if unknown:
        print(json.dumps({"error": f"unknown operators {unknown}; known: {sorted(OPERATORS)}"}))
        return
    try:
        mutants = build_mutants(req["source"], req["operators"], req["solution_start"])
    except SyntaxError as e:
        print(json.dumps({"error": f"the original program does not parse: {e.msg} (line {e.lineno})"}))
        return
    print(json.dumps({"mutants": mutants}))


if __name__ == "__main__":
    main()

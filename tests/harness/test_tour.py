#!/usr/bin/env python3
"""docs/tour.md cannot rot: everything it names must be in the source.

Usage: python3 tests/harness/test_tour.py [--tour PATH]

Checks, on the host, without building anything:

- every function the tour writes as `name()` is defined somewhere in the
  source tree (a C definition in kernel/, fs/, net/, drivers/, user/ or
  boot/ - a prototype does not count - or a label in a .asm file);
- every function line in the tour's trace excerpts (in code blocks,
  between a header "ktrace: write #1 by nc[12]" and its last line
  "ktrace: write #1 returned 6") is such a function too;
- every path the tour writes as `dir/file` exists;
- in a table row that names a file in its second cell and functions in
  its third ("| 3 | `net/socket.c` | `sock_alloc()` | ... |"), each
  function is defined in that very file.

Prints 'PASS name' or 'FAIL name: why' per check; exits 1 if any failed.
"""
import argparse
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOUR = os.path.join(REPO, "docs", "tour.md")
SOURCE_DIRS = ["kernel", "fs", "net", "drivers", "user", "boot"]

FUNC = re.compile(r"`([A-Za-z_][A-Za-z0-9_]*)\(\)`")
PATH = re.compile(r"`((?:kernel|fs|net|drivers|user|boot|tests|docs)/[A-Za-z0-9_./-]*"
		  r"[A-Za-z0-9_/])`")
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
HEADER = re.compile(r"^ktrace: \w+ #\d+ by \S+\[\d+\]$")
FOOTER = re.compile(r"^ktrace: (\w+ #\d+ returned |tracing stopped )")

failures = 0


def passed(name, note=""):
	print(f"PASS {name}" + (f": {note}" if note else ""), flush=True)


def failed(name, reason, detail=None):
	global failures
	failures += 1
	print(f"FAIL {name}: {reason}", flush=True)
	for line in (detail or [])[:40]:
		print(f"    | {line}", flush=True)


def source_files():
	for d in SOURCE_DIRS:
		for root, _, files in os.walk(os.path.join(REPO, d)):
			for f in files:
				if f.endswith((".c", ".h", ".asm")):
					yield os.path.join(root, f)


def strip_c(text):
	"""C text with comments and string/char literals blanked (lengths kept)."""
	out, i, n = [], 0, len(text)
	blank = lambda s: re.sub(r"[^\n]", " ", s)  # noqa: E731
	pattern = re.compile(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'',
			     re.S)
	for m in pattern.finditer(text):
		out.append(text[i:m.start()])
		out.append(blank(m.group(0)))
		i = m.end()
	out.append(text[i:n])
	return "".join(out)


def c_definitions(text):
	"""Names of the functions a C file defines: at file scope (brace depth
	0), NAME(...) followed by '{' (after attributes), not by ';'."""
	text = strip_c(text)
	names, depth, i, n = set(), 0, 0, len(text)
	ident = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
	while i < n:
		c = text[i]
		if c == "{":
			depth += 1
		elif c == "}":
			depth = max(0, depth - 1)
		elif c == "#" and (i == 0 or text[i - 1] == "\n"):
			# A preprocessor line (with its continuations) defines nothing here.
			while i < n and not (text[i] == "\n" and text[i - 1] != "\\"):
				i += 1
			continue
		elif depth == 0 and (c.isalpha() or c == "_"):
			m = ident.match(text, i)
			name, j = m.group(0), m.end()
			k = j
			while k < n and text[k] in " \t\n":
				k += 1
			if k < n and text[k] == "(":
				close = matching_paren(text, k)
				if close is not None and followed_by_body(text, close + 1):
					names.add(name)
			i = j
			continue
		i += 1
	return names


def matching_paren(text, i):
	depth = 0
	for k in range(i, len(text)):
		if text[k] == "(":
			depth += 1
		elif text[k] == ")":
			depth -= 1
			if depth == 0:
				return k
	return None


def followed_by_body(text, i):
	"""After a parameter list: whitespace and __attribute__((...))s, then '{'."""
	n = len(text)
	while True:
		while i < n and text[i] in " \t\n":
			i += 1
		if text.startswith("__attribute__", i):
			k = text.find("(", i)
			close = matching_paren(text, k) if k >= 0 else None
			if close is None:
				return False
			i = close + 1
			continue
		m = IDENT.match(text, i)
		if m and m.group(0).isupper():	# e.g. __printf(1, 2) style macros
			k = m.end()
			while k < n and text[k] in " \t":
				k += 1
			if k < n and text[k] == "(":
				close = matching_paren(text, k)
				if close is None:
					return False
				i = close + 1
				continue
		return i < n and text[i] == "{"


def asm_labels(text):
	return set(re.findall(r"^\s*([A-Za-z_][A-Za-z0-9_]*):", text, re.M))


def definitions():
	"""{function name: set of files (relative) that define it}."""
	defs = {}
	for path in source_files():
		with open(path, errors="replace") as f:
			text = f.read()
		names = asm_labels(text) if path.endswith(".asm") else c_definitions(text)
		rel = os.path.relpath(path, REPO)
		for name in names:
			defs.setdefault(name, set()).add(rel)
	return defs


def trace_names(lines):
	"""Function names in the tour's trace excerpts: the lines of code blocks
	between a header "ktrace: NAME #N by COMM[PID]" and its last line
	"ktrace: NAME #N returned ..." (or "... tracing stopped ...").
	[(line number, name)]."""
	out, in_block, in_trace = [], False, False
	for no, line in enumerate(lines, 1):
		if line.startswith("```"):
			in_block, in_trace = not in_block, False
			continue
		if not in_block:
			continue
		if HEADER.match(line):
			in_trace = True
		elif FOOTER.match(line):
			in_trace = False
		elif in_trace and IDENT.fullmatch(line.strip()):
			out.append((no, line.strip()))
	return out


def table_steps(lines):
	"""Rows '| x | `file` | `f()`, `g()` | ... |': [(line number, file, [names])]."""
	out = []
	for no, line in enumerate(lines, 1):
		if not line.startswith("|"):
			continue
		cells = [c.strip() for c in line.strip().strip("|").split("|")]
		if len(cells) < 3:
			continue
		path = PATH.fullmatch(cells[1])
		funcs = FUNC.findall(cells[2])
		if path and funcs:
			out.append((no, path.group(1), funcs))
	return out


def main():
	ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	ap.add_argument("--tour", default=TOUR, help="the tour (default docs/tour.md)")
	args = ap.parse_args()
	if not os.path.exists(args.tour):
		failed("tour/exists", f"no {os.path.relpath(args.tour, REPO)}")
		sys.exit(1)
	with open(args.tour) as f:
		lines = f.read().split("\n")
	defs = definitions()

	named = [(no, name) for no, line in enumerate(lines, 1) for name in FUNC.findall(line)]
	missing = [f"line {no}: {name}()" for no, name in named if name not in defs]
	if not named:
		failed("tour/functions", "the tour names no function as `name()`")
	elif missing:
		failed("tour/functions", f"{len(missing)} named function(s) not defined"
		       " in the source", missing)
	else:
		passed("tour/functions", f"{len({n for _, n in named})} functions named,"
		       " each defined in the source")

	traced = trace_names(lines)
	missing = [f"line {no}: {name}" for no, name in traced if name not in defs]
	if not traced:
		failed("tour/traces", "no trace excerpt ('ktrace: NAME #N by ...' in a code block)")
	elif missing:
		failed("tour/traces", f"{len(missing)} function(s) in the trace excerpts"
		       " not defined in the source", missing)
	else:
		passed("tour/traces", f"{len(traced)} trace lines,"
		       f" {len({n for _, n in traced})} functions, each defined in the source")

	paths = [(no, p) for no, line in enumerate(lines, 1) for p in PATH.findall(line)]
	missing = [f"line {no}: {p}" for no, p in paths
		   if not os.path.exists(os.path.join(REPO, p))]
	if missing:
		failed("tour/paths", f"{len(missing)} path(s) do not exist", missing)
	else:
		passed("tour/paths", f"{len({p for _, p in paths})} paths, each exists")

	steps = table_steps(lines)
	wrong = [f"line {no}: {name}() is not defined in {path}"
		 + (f" (but in {', '.join(sorted(defs[name]))})" if name in defs else "")
		 for no, path, names in steps for name in names
		 if path not in defs.get(name, set())]
	if not steps:
		failed("tour/steps", "no step table rows ('| n | `file` | `function()` | ...')")
	elif wrong:
		failed("tour/steps", f"{len(wrong)} step(s) name the wrong file", wrong)
	else:
		passed("tour/steps", f"{len(steps)} steps, each function in the file named")

	print(f"{failures} check(s) failed" if failures else "all checks passed")
	sys.exit(1 if failures else 0)


if __name__ == "__main__":
	main()

#!/usr/bin/env python3
"""The man page and the shell completions match the flag table.

Usage: cli_docs_test.py PATH/TO/aptparse GENERATED_SHARE_DIR REPO_SHARE_DIR

aptparse_docgen writes them from src/cli/flags.cpp at build time; share/
holds the copies in the repository. Checks that the copies are the
generated files, that each lists exactly the flags of `aptparse --help`,
that the man page renders without groff warnings and that the bash
completion completes flags.
"""
import pathlib
import re
import shlex
import subprocess
import sys
import unittest

CLI = sys.argv[1] if len(sys.argv) > 1 else "aptparse"
GENERATED = pathlib.Path(
    sys.argv[2] if len(sys.argv) > 2 else "build/src/share").resolve()
REPO = pathlib.Path(sys.argv[3] if len(sys.argv) > 3 else "share")
FILES = {
    "man": "man/man1/aptparse.1",
    "bash": "bash-completion/completions/aptparse",
    "zsh": "zsh/site-functions/_aptparse",
}


def help_flags():
    """The flags in the Options and Report options parts of --help
    ("  -j, --jobs N  Parse...")."""
    out = subprocess.run([CLI, "--help"], capture_output=True, check=True)
    text = out.stdout.decode()
    options = "\n".join(text.split(part)[1].split("\n\n")[0]
                        for part in ("\nOptions:\n", "\nReport options:\n"))
    return {flag for line in options.splitlines()
            for flag in re.findall(r"^--?[\w-]+|(?<=, )--[\w-]+",
                                   line.strip().split("  ")[0])}


class Docs(unittest.TestCase):
    def text(self, kind):
        return (GENERATED / FILES[kind]).read_text()

    def test_repository_copies_are_the_generated_files(self):
        for kind, path in FILES.items():
            self.assertEqual(
                (REPO / path).read_text(), self.text(kind),
                f"share/{path} is stale: cp {GENERATED / path} share/{path}")

    def test_each_lists_exactly_the_flags_of_help(self):
        want = help_flags()
        self.assertIn("--json", want)
        self.assertIn("-j", want)
        man = set(re.findall(r"\\fB(\\-(?:\\-[\w\\-]+|\w))\\fR", self.text("man")))
        man = {m.replace("\\-", "-") for m in man}
        words = re.search(r"compgen -W '([^']*)'", self.text("bash"))[1].split()
        self.assertIn("report", words)  # the subcommand
        bash = {w for w in words if w.startswith("-")}
        zsh = set(re.findall(r"(?<=[{',*])(--?[\w-]+?)(?=[=+]?[\[,}])",
                             self.text("zsh")))
        for name, got in (("man", man), ("bash", bash), ("zsh", zsh)):
            self.assertEqual(got, want, name)

    def test_man_page_renders_without_warnings(self):
        page = GENERATED / FILES["man"]
        r = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z", str(page)],
                           capture_output=True)
        self.assertEqual((r.returncode, r.stderr), (0, b""))
        r = subprocess.run(["man", "-l", str(page)], capture_output=True,
                           env={"MANWIDTH": "80", "PATH": "/usr/bin:/bin"})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(b"--max-line-bytes N", r.stdout)

    def complete(self, *words):
        script = (f"source {GENERATED / FILES['bash']}; complete -p aptparse; "
                  f"COMP_WORDS=(aptparse {' '.join(map(shlex.quote, words))}); "
                  f"COMP_CWORD={len(words)}; _aptparse; "
                  'printf "%s\\n" "${COMPREPLY[@]}"')
        r = subprocess.run(["bash", "-c", script], capture_output=True,
                           text=True, cwd=GENERATED)
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(lines[0], "complete -o filenames -F _aptparse aptparse")
        return [w for w in lines[1:] if w]

    def test_bash_completes_flags_and_files(self):
        self.assertEqual(self.complete("--j"), ["--json", "--jobs"])
        self.assertEqual(self.complete("-j", ""), [])  # a number follows
        self.assertIn("man", self.complete("m"))


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])

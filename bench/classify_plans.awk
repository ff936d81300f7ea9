# The "20-line awk script" of issue #15's table (bench/python/bench_cli_dense.py
# runs it with mawk): what a user might write to count the packages of
# apt-get output instead of parsing it. It classifies each line by how it
# starts and counts packages: in a list after a "The following ..." header,
# a -V line "   name (version)" or "   name (old => new)" is one package and
# a wrapped line "  a b c" holds NF; a simulation's Inst/Remv/Purg line is
# one; an "N upgraded, ..." summary ends a transaction. Not a parser (no
# layouts, no translations, no checks): a yardstick for speed only.
#   mawk -f bench/classify_plans.awk FILE
/^The following .*:$/ || /^(Suggested|Recommended) packages:$/ { list = 1; next }
list && /^  / {
  if ($2 ~ /^\(/) pkgs++
  else if ($1 != "|") pkgs += NF
  next
}
{ list = 0 }
/^(Inst|Remv|Purg) / { pkgs++; next }
/^Conf / { next }
/^[0-9]+ upgraded, [0-9]+ newly installed/ { tx++; next }
/^(E|W|N): / { msgs++; next }
END { printf "lines %d transactions %d packages %d messages %d\n", NR, tx, pkgs, msgs }

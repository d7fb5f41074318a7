# SPDX-License-Identifier: GPL-3.0-or-later
# english.awk - prints the lines of a French text that are still English:
# a line with an English word that French does not use ("the", "of",
# "file"...), once what is no prose is taken out: options (--rate, -o),
# the program's and its commands' names, words in CAPITALS (FILE, EXPR),
# names and expressions with digits or symbols, a word glued to a ':' or
# an '=' (syntax, "step:every=N": French prose sets a space before ':'),
# and the tokens of the
# file `allowed` (-v allowed=FILE), one a line.  Each line is printed as
# "NR: LINE".
BEGIN {
	n = split("the and of to is are was be been with for from this that these those " \
		  "which when where while not by each its it has have had you your " \
		  "into only than then what how why see shows show prints print uses use " \
		  "file files step steps chapter chapters value values number numbers given " \
		  "default without after before between because should must can cannot " \
		  "will would there their they them here more most less least also just " \
		  "press quit back next previous answer answers hint wrong right " \
		  "found missing unknown expected expects error warning", w, " ")
	for (i = 1; i <= n; i++)
		english[w[i]] = 1
	if (allowed != "")
		while ((getline t < allowed) > 0)
			if (t !~ /^#/ && t != "")
				ok[tolower(t)] = 1
	# any byte of a multibyte character is a letter (run in the C locale)
	nonword = "[^A-Za-z'" sprintf("%c", 128) "-" sprintf("%c", 255) "]+"
	split("eval diff run map replay analyze plot learn lessons play descent", c, " ")
	for (i in c)
		ok[c[i]] = 1
}
{
	line = $0
	gsub(/--?[A-Za-z][A-Za-z0-9-]*(=[^ ]*)?/, " ", line)  # options
	gsub(/[A-Za-z_]*[0-9][A-Za-z0-9_.]*/, " ", line)      # names with digits
	gsub(/[A-Za-z_]+[:=][^ ]*/, " ", line)                # syntax: step:every=N
	gsub(/[A-Za-z]+\(/, " (", line)                       # functions: sin(
	gsub(nonword, " ", line)
	k = split(line, word, " ")
	for (i = 1; i <= k; i++) {
		t = word[i]
		gsub(/^'+|'+$/, "", t)
		if (t ~ /^[A-Z_]+$/ && length(t) > 1)
			continue                                        # FILE, EXPR
		t = tolower(t)
		if (t in ok)
			continue
		if (t in english) {
			print NR ": " $0
			break
		}
	}
}

#!/usr/bin/env bash
# No references to files that do not exist: every repository path written in backticks in README.md, doc/*.md
# and bench/README.md (a word starting with src/, tests/, doc/, bench/, scripts/, fuzz/ or web/) names a file
# or folder of the tree given (default: this repository). Globs (`tests/engines/*.sh`) must match something;
# a path with a placeholder (`bench/results/soak-<UTC stamp>/`) needs the folder it would be made in.
# Prints each broken reference as "file: `path` does not exist" and exits 1 when there is one.
set -euo pipefail
root="${1:-$(cd "$(dirname "$0")/../.." && pwd)}"
cd "$root"
files=()
for file in README.md doc/*.md bench/README.md; do [ -f "$file" ] && files+=("$file"); done
[ "${#files[@]}" -gt 0 ] || { echo "check-doc-paths: no documents under $root"; exit 1; }
perl -e '
  my $broken = 0;
  for my $file (@ARGV) {
    open(my $in, "<", $file) or die "$file: $!";
    my $text = do { local $/; <$in> };
    # Inline code spans on one line; in each, the words that start with a repository folder.
    for my $quoted ($text =~ /`([^`\n]+)`/g) {
      while ($quoted =~ m{(?:^|[ (=,"\x27])((?:\./)?(?:src|tests|doc|bench|scripts|fuzz|web)/[A-Za-z0-9_./*\@{}+<>-]*)}g) {
        my $path = $1;
        $path =~ s/\.$//;
        if ($path =~ /</) { $path =~ s/<.*//; $path =~ s{/[^/]*$}{}; }
        my @found = $path =~ /[*?]/ ? glob($path) : ();
        next if -e $path || grep { -e } @found;
        print "$file: `$path` does not exist\n";
        $broken = 1;
      }
    }
  }
  print "check-doc-paths: every path in README.md, doc/*.md and bench/README.md exists\n" unless $broken;
  exit $broken;
' "${files[@]}"

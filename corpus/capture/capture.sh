#!/bin/bash
# Regenerates the aptparse real-log corpus: bash corpus/capture/capture.sh [WORKDIR]
# Needs root, debootstrap, util-linux script, python3 and network access to deb.debian.org.
# Chroots live in WORKDIR (default /var/tmp/aptparse-capture), never in the repo.
set -euo pipefail
CAPDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CORPUS=$(dirname "$CAPDIR")
LOGS=$CORPUS/logs
WORKDIR=${1:-/var/tmp/aptparse-capture}
ONLY=${ONLY:-bookworm trixie pty languages compare listing}   # a subset, e.g. ONLY=trixie or ONLY=languages-bookworm
                                                      # or ONLY=listing-bookworm or ONLY=dense (DENSE_BASE=); compare reuses bookworm's
                                                      # base chroot when there is one
export LC_ALL=C.UTF-8
[ "$(id -u)" = 0 ] || { echo "capture.sh must run as root (debootstrap, chroot)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "debootstrap is not installed" >&2; exit 1; }
mkdir -p "$WORKDIR" "$LOGS"
: > "$WORKDIR/phases.tsv"
# The journals list the real runs of each chroot for the history.log,
# term.log and dpkg.log truths; a new capture starts them afresh (chroots
# made by copying another are never rotated, so nothing else clears them).
rm -rf "$WORKDIR/journal"
. "$CAPDIR/lib.sh"
. "$CAPDIR/bookworm.sh"
. "$CAPDIR/trixie.sh"
. "$CAPDIR/pty.sh"
. "$CAPDIR/languages.sh"
. "$CAPDIR/compare.sh"
. "$CAPDIR/dense.sh"
. "$CAPDIR/listing.sh"
# unmount anything a previous, interrupted run left mounted
for d in "$WORKDIR"/*/; do [ -d "$d/proc" ] && mounts_off "${d%/}"; done
START=$(date +%s)
# remove only the files this script writes (other files, e.g. the parser's golden
# <name>.expected.jsonl, are left alone)
clean() { find "$LOGS" -maxdepth 1 \( -name '*.log' -o -name '*.meta.json' -o -name '*.truth.json' \) "$@" -delete; }
for part in $ONLY; do
    case $part in
        bookworm) clean -name 'debian12-*' ! -name '*-pty-*' ! -name '*-lang-*' ! -name '*-dense-*' ! -name '*-listing-*' ! -name '*-failed-upgrade-y*' ! -name '*-ok-upgrade-y*'; bookworm_all ;;
        trixie) clean -name 'debian13-*' ! -name '*-pty-*' ! -name '*-lang-*' ! -name '*-listing-*'; trixie_all ;;
        pty) clean -name '*-pty-*'; pty_all ;;
        dense) clean -name '*-dense-*'; dense_all ;;
        languages) clean -name '*-lang-*'; languages_part "$part" ;;
        languages-bookworm) clean -name 'debian12-*-lang-*'; languages_part "$part" ;;
        compare) clean \( -name 'debian12-*-failed-upgrade-y*' -o -name 'debian12-*-ok-upgrade-y*' \); compare_all ;;
        languages-trixie) clean -name 'debian13-*-lang-*'; languages_part "$part" ;;
        languages-forky) clean -name 'debian14-*-lang-*'; languages_part "$part" ;;
        listing) clean -name '*-listing-*'; listing_part "$part" ;;
        listing-bookworm) clean -name 'debian12-*-listing-*'; listing_part "$part" ;;
        listing-trixie) clean -name 'debian13-*-listing-*'; listing_part "$part" ;;
    esac
done
python3 "$CAPDIR/provenance.py" table "$LOGS" "$CORPUS/README.md"
log "all phases:"; cat "$WORKDIR/phases.tsv" >&2
log "total $(( $(date +%s) - START ))s, $(ls "$LOGS"/*.log | wc -l) logs, $(du -sh "$LOGS" | cut -f1)"

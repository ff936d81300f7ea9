# Dense plans (issue #15): large real apt-get plans with -V version lists, about
# 40 bytes and 1.6 packages a line, for the benchmarks' dense family. Sourced by
# capture.sh after lib.sh and bookworm.sh (SIMOPT, BW_SOURCES).
# DENSE_BASE: a ready bookworm chroot to start from (default: the bookworm part's
# base, $WORKDIR/bookworm-base; made with mkbase when missing).
DENSE_INSTALLED="build-essential git python3 perl curl vim-tiny man-db"

dense_all() {
    local B=${DENSE_BASE:-$WORKDIR/bookworm-base} S
    phase "dense: bookworm base"
    [ -d "$B" ] || mkbase bookworm "$B" "$BW_SOURCES"

    phase "dense: large install plans (-V)"
    S=$WORKDIR/d-install; snap "$B" "$S"
    cap "$S" dense-install-gnome-v-s apt-get classic "apt-get -s -V install task-gnome-desktop" \
        "apt-get $SIMOPT install task-gnome-desktop"
    cap "$S" dense-install-texlive-full-v-s apt-get classic "apt-get -s -V install texlive-full" \
        "apt-get $SIMOPT install texlive-full"
    cap "$S" dense-install-kde-v-s apt-get classic "apt-get -s -V install task-kde-desktop" \
        "apt-get $SIMOPT install task-kde-desktop"

    phase "dense: a developer system pointed at trixie, with holds"
    S=$WORKDIR/d-to-trixie; snap "$B" "$S"
    q "$S" "apt-get install -y -q --no-install-recommends $DENSE_INSTALLED" \
        > "$WORKDIR/dense-setup.out" 2>&1
    sed -i 's/bookworm/trixie/g' "$S/etc/apt/sources.list"
    q "$S" "apt-get update -q" > /dev/null
    cap "$S" dense-apt-mark-hold apt-get classic "apt-mark hold perl perl-base git curl"
    cap "$S" dense-held-dist-upgrade-v-s apt-get classic "apt-get -s -V dist-upgrade" \
        "apt-get $SIMOPT dist-upgrade"
    cap "$S" dense-held-apt-full-upgrade-v-s apt classic "apt -s -V full-upgrade" \
        "apt $SIMOPT full-upgrade"
}

# Shared functions for the aptparse corpus capture. Sourced by capture.sh.
# Everything here runs real apt/dpkg inside debootstrap chroots; nothing is ever
# written into a log except the bytes the command printed.

MIRROR=${MIRROR:-http://deb.debian.org/debian}
SECMIRROR=${SECMIRROR:-http://deb.debian.org/debian-security}
CHROOT_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

log() { printf '[capture %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

PHASE_NAME=""; PHASE_START=0
phase() {  # phase NAME : ends the previous phase (printing its duration) and starts NAME
    local now; now=$(date +%s)
    if [ -n "$PHASE_NAME" ]; then
        log "phase '$PHASE_NAME' took $((now - PHASE_START))s"
        printf '%s\t%s\n' "$PHASE_NAME" "$((now - PHASE_START))" >> "$WORKDIR/phases.tsv"
    fi
    PHASE_NAME=$1; PHASE_START=$now
    [ -n "$PHASE_NAME" ] && log "=== phase '$PHASE_NAME' ==="
    return 0
}

mounts_on() {  # mounts_on ROOT : /proc and /dev/pts (apt needs a pty for term.log)
    local r=$1
    mountpoint -q "$r/proc" || mount -t proc proc "$r/proc"
    mkdir -p "$r/dev/pts"
    mountpoint -q "$r/dev/pts" || mount --bind /dev/pts "$r/dev/pts"
}
mounts_off() {
    local r=$1
    mountpoint -q "$r/dev/pts" && umount "$r/dev/pts"
    mountpoint -q "$r/proc" && umount "$r/proc"
    return 0
}

# in_chroot ROOT [VAR=val ...] -- CMD-STRING : runs sh -c CMD in ROOT with a clean environment.
in_chroot() {
    local r=$1; shift
    local envs=()
    while [ "$1" != "--" ]; do envs+=("$1"); shift; done; shift
    local rc=0
    mounts_on "$r"
    chroot "$r" /usr/bin/env -i PATH=$CHROOT_PATH HOME=/root "${envs[@]}" /bin/sh -c "$1" || rc=$?
    mounts_off "$r"
    return $rc
}
# q ROOT CMD : quiet helper in the C.UTF-8 locale
q() { in_chroot "$1" LC_ALL=C.UTF-8 LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive -- "$2"; }

# mkbase SUITE DIR "SOURCES-LINES" : fresh minbase chroot, policy-rc.d, sources, apt-get update
#   DEBOOTSTRAP_SCRIPT: debootstrap's script for a suite it does not know; APT_CONF: apt.conf.d/99corpus
mkbase() {
    local suite=$1 dir=$2 sources=$3
    if [ -d "$dir" ]; then mounts_off "$dir"; rm -rf "$dir"; fi
    mkdir -p "$WORKDIR/cache-$suite"
    log "debootstrap $suite -> $dir"
    debootstrap --variant=minbase --cache-dir="$WORKDIR/cache-$suite" "$suite" "$dir" "$MIRROR" \
        ${DEBOOTSTRAP_SCRIPT:-} > "$WORKDIR/debootstrap-$suite.out" 2>&1 || { tail -20 "$WORKDIR/debootstrap-$suite.out"; return 1; }
    printf '#!/bin/sh\nexit 101\n' > "$dir/usr/sbin/policy-rc.d"; chmod 755 "$dir/usr/sbin/policy-rc.d"
    printf '%s\n' "$sources" > "$dir/etc/apt/sources.list"
    [ -n "${APT_CONF:-}" ] && printf '%s\n' "$APT_CONF" > "$dir/etc/apt/apt.conf.d/99corpus"
    q "$dir" "apt-get update -q" > /dev/null
}

# snap SRC DST : DST becomes an exact copy of SRC (the scenario's starting state)
snap() {
    local src=$1 dst=$2
    mounts_off "$src"
    if [ -d "$dst" ]; then mounts_off "$dst"; rm -rf "$dst"; fi
    cp -a "$src" "$dst"
}

# rotate_logs ROOT : move the setup's apt/dpkg logs away (like logrotate) so the logs
# copied into the corpus hold the scenario runs only.
rotate_logs() {
    local r=$1 f
    for f in var/log/apt/history.log var/log/apt/term.log var/log/dpkg.log; do
        [ -f "$r/$f" ] && mv "$r/$f" "$r/$f.setup"
        : > "$r/$f"
    done
    rm -rf "$WORKDIR/journal/$(basename "$r")"
}

aptver() { q "$1" "apt-get --version" | sed -n '1s/^apt \([^ ]*\) .*/\1/p'; }
origin_of() { case "$(q "$1" '. /etc/os-release; echo $VERSION_CODENAME')" in
    bookworm) echo debian12;; trixie) echo debian13;; forky) echo debian14;; *) echo unknown;; esac; }

# cap ROOT CASE TOOL LAYOUT "CMD" ["SIM1" "SIM2" ...]
#   Runs CMD (2>&1) in ROOT and writes corpus/logs/<origin>-apt<ver>-CASE.{log,meta.json,truth.json}.
#   Each SIMn is the -s -qq twin of the n-th package run inside CMD; it is run (with
#   `apt list --upgradable` and `apt-mark showhold`) right before CMD, in the same state.
# Knobs (environment): LOC (locale, default C.UTF-8), LANGUAGE_ (LANGUAGE, default unset),
#   XENV (extra VAR=val words), TTY=1 (run under script(1) in a pty), REAL=1 (the run changes
#   packages: journal it for the history.log/term.log/dpkg.log truth), NOTES (truth notes),
#   UPGOPT (options for `apt list --upgradable` that change candidates, e.g. "-o APT::Default-Release=trixie" for a -t run).
cap() {
    local root=$1 case=$2 tool=$3 layout=$4 cmd=$5; shift 5
    local ver origin name src loc=${LOC:-C.UTF-8} rc=0 i=0 s
    ver=$(aptver "$root"); origin=$(origin_of "$root")
    name="$origin-apt$ver-$case"
    src=$WORKDIR/truthsrc/$name; rm -rf "$src"; mkdir -p "$src"
    for s in "$@"; do
        i=$((i + 1))
        printf '%s\n' "$s" > "$src/run$i.simcmd"
        q "$root" "$s" > "$src/run$i.sim" 2>&1 || true
        q "$root" "apt list --upgradable ${UPGOPT:-}" > "$src/run$i.upg" 2>/dev/null || true
        q "$root" "apt-mark showhold" > "$src/run$i.held" 2>/dev/null || true
    done
    q "$root" "dpkg --print-architecture" > "$src/native-arch"
    local envs=(LANG=$loc LC_ALL=$loc)
    [ -n "${LANGUAGE_:-}" ] && envs+=(LANGUAGE=$LANGUAGE_)
    # shellcheck disable=SC2206
    local xenv=${XENV-DEBIAN_FRONTEND=noninteractive}
    [ -n "$xenv" ] && envs+=($xenv)
    local date; date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
    log "capture $name: $cmd"
    if [ "${TTY:-0}" = 1 ]; then
        envs+=(TERM=xterm-256color COLUMNS=120 LINES=40)
        # script(1) gives the command a pty; its own stdout (what a terminal would show)
        # is the log. -q: no "Script started/done" lines. The pty is sized 120x40 by stty first.
        local inner
        inner="stty cols 120 rows 40; $cmd"
        mounts_on "$root"
        script -q -e -c "chroot $root /usr/bin/env -i PATH=$CHROOT_PATH HOME=/root ${envs[*]} /bin/sh -c '$inner'" /dev/null \
            < /dev/null > "$LOGS/$name.log" 2>&1 || rc=$?
        mounts_off "$root"
    else
        in_chroot "$root" "${envs[@]}" -- "$cmd" < /dev/null > "$LOGS/$name.log" 2>&1 || rc=$?
    fi
    log "  -> exit $rc, $(stat -c %s "$LOGS/$name.log") bytes"
    python3 "$CAPDIR/provenance.py" meta --out "$LOGS/$name.meta.json" --command "$cmd" --tool "$tool" \
        --apt-version "$ver" --distro "$origin" --locale "$loc" --language "${LANGUAGE_:-}" \
        --env "${envs[*]}" --date "$date" --sources-file "$root/etc/apt/sources.list" \
        --root "$root" --tty "${TTY:-0}" --exit-code "$rc" --case "$case" --layout "$layout"
    python3 "$CAPDIR/make_truth.py" run --name "$name" --logs "$LOGS" --src "$src" --root "$root" \
        --notes "${NOTES:-}"
    if [ "${REAL:-0}" = 1 ]; then
        mkdir -p "$WORKDIR/journal"
        echo "$name" >> "$WORKDIR/journal/$(basename "$root")"
    fi
    LAST_NAME=$name
}

# cap_file ROOT CASE TOOL PATH : copy a log file written by apt/dpkg in ROOT into the corpus.
#   APTVER=x names it after apt x instead of the chroot's apt now (a run that upgraded apt).
cap_file() {
    local root=$1 case=$2 tool=$3 path=$4 ver origin name
    ver=${APTVER:-$(aptver "$root")}; origin=$(origin_of "$root")
    name="$origin-apt$ver-$case"
    cp "$root$path" "$LOGS/$name.log"
    log "copy $path -> $name.log ($(stat -c %s "$LOGS/$name.log") bytes)"
    python3 "$CAPDIR/provenance.py" meta --out "$LOGS/$name.meta.json" --command "cp $path" --tool "$tool" \
        --apt-version "$ver" --distro "$origin" --locale "n/a" --language "" --env "" \
        --date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --sources-file "$root/etc/apt/sources.list" \
        --root "$root" --tty 0 --exit-code 0 --case "$case" --layout "$5"
    python3 "$CAPDIR/make_truth.py" journal --name "$name" --logs "$LOGS" \
        --journal "$WORKDIR/journal/$(basename "$root")" --tool "$tool"
}

# make_test_deb OUTDIR NAME SUMMARY WHY [POSTINST] : a tiny real package that no archive has,
#   NAME 1.0, architecture all, built into OUTDIR/NAME_1.0_all.deb. SUMMARY is its description
#   (" (aptparse corpus)" is added), WHY its second line (which script built it, and why);
#   POSTINST, if given, is the body of its postinst (e.g. one that fails on purpose).
make_test_deb() {
    local out=$1 name=$2 summary=$3 why=$4 postinst=${5:-} d=$WORKDIR/$name-deb
    rm -rf "$d"; mkdir -p "$d/DEBIAN" "$d/usr/share/doc/$name"
    cat > "$d/DEBIAN/control" <<CTL
Package: $name
Version: 1.0
Architecture: all
Maintainer: aptparse corpus <corpus@example.invalid>
Description: $summary (aptparse corpus)
 $why
CTL
    if [ -n "$postinst" ]; then
        printf '#!/bin/sh\n%s\n' "$postinst" > "$d/DEBIAN/postinst"
        chmod 755 "$d/DEBIAN/postinst"
    fi
    echo "aptparse corpus test package" > "$d/usr/share/doc/$name/README"
    dpkg-deb --root-owner-group --build "$d" "$out/${name}_1.0_all.deb" >&2
}

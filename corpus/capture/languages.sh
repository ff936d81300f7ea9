# Every language apt and dpkg ship a catalogue for (scenario group "languages"). Sourced by
# capture.sh after bookworm.sh and trixie.sh (it uses their SIMOPT, BW_SOURCES and TX_SOURCES).
#
# Per release, one log per language holds one session: an upgrade, an install and a remove, each
# first answered `n` at the prompt (--assume-no: no Inst lines, so only the translated headers give
# the sets) and then run for real (-y: dpkg's translated lines too). The runs are separate chroot
# invocations appending to the same log, like a script's log; meta `runs` gives each run's command
# and byte range. Every language starts from a copy of the same base chroot, and the runs do the
# same thing in every language, so the truth of run k is the C-locale twin's: its -s -qq simulation
# taken right before run k in the C-locale chroot (whose session is the `lang-C` log). That the
# states agree is checked: each language's dpkg.log, timestamps removed, must equal the twin's.

# lang_session SUITE : the session's commands, their -s -qq twins and the layout apt prints.
lang_session() {
    case $1 in
        bookworm)
            CMDS=("apt-get --assume-no upgrade" "apt-get -y upgrade"
                  "apt-get --assume-no install nano" "apt-get -y install nano"
                  "apt-get --assume-no remove nano" "apt-get -y remove nano")
            SIMS=("apt-get $SIMOPT upgrade" "apt-get $SIMOPT upgrade"
                  "apt-get $SIMOPT install nano" "apt-get $SIMOPT install nano"
                  "apt-get $SIMOPT remove nano" "apt-get $SIMOPT remove nano")
            LAYOUTS=(classic classic classic classic classic classic)
            DOWNLOAD="apt-get -y -q -d upgrade && apt-get -y -q -d install nano" ;;
        trixie | forky)  # apt prints the 3.0 layout; apt-get's classic summary is a 3.0 string too
            CMDS=("apt --assume-no upgrade" "apt-get --assume-no upgrade" "apt -y upgrade"
                  "apt --assume-no install nano" "apt -y install nano"
                  "apt --assume-no remove nano" "apt -y remove nano")
            SIMS=("apt $SIMOPT upgrade" "apt-get $SIMOPT upgrade" "apt $SIMOPT upgrade"
                  "apt $SIMOPT install nano" "apt $SIMOPT install nano"
                  "apt $SIMOPT remove nano" "apt $SIMOPT remove nano")
            LAYOUTS=(apt3 classic apt3 apt3 apt3 apt3 apt3)
            DOWNLOAD="apt -y -q -d upgrade && apt-get -y -q -d install nano" ;;
    esac
}

# lang_list ROOT : the languages with an apt or dpkg catalogue (apt.mo, dpkg.mo) in ROOT
lang_list() {
    (cd "$1/usr/share/locale" && ls -d */LC_MESSAGES/apt.mo */LC_MESSAGES/dpkg.mo 2>/dev/null) |
        cut -d/ -f1 | sort -u
}

# lang_run ROOT NAME LANGUAGE SIMDIR : runs the session in ROOT into LOGS/NAME.log with LANGUAGE
#   (empty: the C-locale twin). With SIMDIR, the -s -qq twin of every run (and `apt list
#   --upgradable`, `apt-mark showhold`) is taken right before it, into SIMDIR/run<k>.*.
#   Writes WORKDIR/truthsrc/NAME/runs.tsv: command, layout, apt version, exit code, byte range.
lang_run() {
    local root=$1 name=$2 lang=$3 simdir=$4 k rc off ver
    local src=$WORKDIR/truthsrc/$name logf=$LOGS/$2.log
    rm -rf "$src"; mkdir -p "$src"
    LANG_ENV=(LANG=C.UTF-8 LC_ALL=C.UTF-8)
    [ -n "$lang" ] && LANG_ENV=(LANG=$LANG_LOCALE LC_ALL=$LANG_LOCALE LANGUAGE=$lang)
    LANG_ENV+=(DEBIAN_FRONTEND=noninteractive)
    LANG_DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ)
    : > "$logf"
    for k in "${!CMDS[@]}"; do
        if [ -n "$simdir" ]; then
            printf '%s\n' "${SIMS[$k]}" > "$simdir/run$((k + 1)).simcmd"
            q "$root" "${SIMS[$k]}" > "$simdir/run$((k + 1)).sim" 2>&1 || true
            q "$root" "apt list --upgradable" > "$simdir/run$((k + 1)).upg" 2>/dev/null || true
            q "$root" "apt-mark showhold" > "$simdir/run$((k + 1)).held" 2>/dev/null || true
        fi
        off=$(stat -c %s "$logf"); ver=$(aptver "$root"); rc=0
        in_chroot "$root" "${LANG_ENV[@]}" -- "${CMDS[$k]}" < /dev/null >> "$logf" 2>&1 || rc=$?
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "${CMDS[$k]}" "${LAYOUTS[$k]}" "$ver" "$rc" "$off" \
            "$(stat -c %s "$logf")" >> "$src/runs.tsv"
    done
    sed 's/^[^ ]* [^ ]* //' "$root/var/log/dpkg.log" > "$src/dpkg-actions"
}

# lang_meta_truth ROOT NAME LANGUAGE TWIN SIMDIR : the sidecar files of one session log
lang_meta_truth() {
    local root=$1 name=$2 lang=$3 twin=$4 simdir=$5 session
    session=$(printf '%s; ' "${CMDS[@]}"); session=${session%; }
    python3 "$CAPDIR/provenance.py" meta --out "$LOGS/$name.meta.json" --command "$session" \
        --tool "${CMDS[0]%% *}" --apt-version "$(sed -n '1p' "$WORKDIR/truthsrc/$name/runs.tsv" | cut -f3)" \
        --distro "$(origin_of "$root")" --locale "${LANG_ENV[0]#LANG=}" --language "$lang" --env "${LANG_ENV[*]}" \
        --date "$LANG_DATE" --sources-file "$root/etc/apt/sources.list" --root "$root" --tty 0 \
        --exit-code "$(sed -n '$p' "$WORKDIR/truthsrc/$name/runs.tsv" | cut -f4)" \
        --case "${name#*-apt*-}" --layout "${LAYOUTS[0]}" \
        --runs "$WORKDIR/truthsrc/$name/runs.tsv" --twin "$twin"
    python3 "$CAPDIR/make_truth.py" session --name "$name" --logs "$LOGS" --src "$simdir" \
        --root "$root" --runs "$WORKDIR/truthsrc/$name/runs.tsv" --twin "$twin" \
        --twin-runs "$WORKDIR/truthsrc/$twin/runs.tsv"
}

# lang_locale ROOT : sets LANG_LOCALE, a UTF-8 locale in which gettext honours LANGUAGE. glibc 2.36
#   (bookworm) does in C.UTF-8; 2.41 (trixie) ignores LANGUAGE there as in C, so en_US.UTF-8 is
#   generated (package locales, localedef). Fails if German still does not show.
lang_locale() {
    local r=$1 loc
    for loc in C.UTF-8 en_US.UTF-8; do
        if [ "$loc" = en_US.UTF-8 ]; then
            q "$r" "apt-get install -y -q locales && localedef -i en_US -f UTF-8 en_US.UTF-8" \
                > "$WORKDIR/locales-$(basename "$r").out" 2>&1
        fi
        if [ "$(in_chroot "$r" LANG=$loc LC_ALL=$loc LANGUAGE=de -- "apt-get -s install" 2>&1 | head -1)" \
                != "Reading package lists..." ]; then
            LANG_LOCALE=$loc; log "LANGUAGE is honoured with LANG=$loc"; return 0
        fi
    done
    log "ERROR: LANGUAGE=de shows no German even with LANG=en_US.UTF-8"; return 1
}

languages_release() {  # languages_release SUITE SOURCES
    local suite=$1 B=$WORKDIR/lang-$1-base S=$WORKDIR/lang-$1-run simdir=$WORKDIR/truthsrc/lang-$1-sims
    local prefix twin lang n=0
    phase "languages $suite: debootstrap + update + archives downloaded"
    mkbase "$suite" "$B" "$2"
    lang_session "$suite"
    lang_locale "$B"
    # The packages are downloaded once into the base's archive cache, so no run prints `Get:`
    # lines: the versions in the real runs can only come from dpkg's (translated) lines.
    q "$B" "$DOWNLOAD" > "$WORKDIR/lang-$suite-download.out" 2>&1
    rotate_logs "$B"
    prefix="$(origin_of "$B")-apt$(aptver "$B")"
    twin=$prefix-lang-C
    phase "languages $suite: C-locale twin"
    rm -rf "$simdir"; mkdir -p "$simdir"; q "$B" "dpkg --print-architecture" > "$simdir/native-arch"
    snap "$B" "$S"
    lang_run "$S" "$twin" "" "$simdir"
    lang_meta_truth "$S" "$twin" "" "$twin" "$simdir"
    phase "languages $suite: every language"
    for lang in $(lang_list "$B"); do
        lang_one "$suite" "$lang" "$S" "$prefix" || return 1
        n=$((n + 1))
    done
    log "languages $suite: $n languages"
    mounts_off "$S"; rm -rf "$S"
    phase ""
}

# lang_one SUITE LANGUAGE RUNDIR PREFIX : one language's session in a fresh copy (RUNDIR) of the base,
#   once the base, LANG_LOCALE and the C-locale twin PREFIX-lang-C are made (languages_release).
#   It does not touch the base otherwise, so several can run at once (each with its own RUNDIR).
lang_one() {
    local suite=$1 lang=$2 S=$3 prefix=$4 B=$WORKDIR/lang-$1-base simdir=$WORKDIR/truthsrc/lang-$1-sims
    local twin=$prefix-lang-C
    lang_session "$suite"
    snap "$B" "$S"
    lang_run "$S" "$prefix-lang-$lang" "$lang" ""
    if ! cmp -s "$WORKDIR/truthsrc/$twin/dpkg-actions" "$WORKDIR/truthsrc/$prefix-lang-$lang/dpkg-actions"; then
        log "ERROR: $prefix-lang-$lang: dpkg.log differs from the C-locale twin's; the twin's truth does not apply"
        return 1
    fi
    lang_meta_truth "$S" "$prefix-lang-$lang" "$lang" "$twin" "$simdir"
}

# forky (Debian 14, testing: apt 3.3). Debian 12's debootstrap has no forky script (sid's is the
# one testing uses), and the archive copy we reach serves a forky Release past its Valid-Until:
# accepted, as add_forky does (recorded in meta apt_config). A fresh forky has nothing to upgrade:
# unstable's newer packages (apt's among them) are the session's upgrade.
FORKY_SOURCES="deb $MIRROR forky main
deb $MIRROR sid main"

languages_part() {  # languages_part PART : languages | languages-bookworm | languages-trixie | languages-forky
    case $1 in languages | languages-bookworm) languages_release bookworm "$BW_SOURCES" ;; esac
    case $1 in languages | languages-trixie) languages_release trixie "$TX_SOURCES" ;; esac
    case $1 in languages | languages-forky)
        DEBOOTSTRAP_SCRIPT=/usr/share/debootstrap/scripts/sid APT_CONF='Acquire::Check-Valid-Until "false";' \
            languages_release forky "$FORKY_SOURCES" ;;
    esac
}

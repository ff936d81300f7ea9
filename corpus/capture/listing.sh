# `apt list` in several languages (scenario group "listing"). Sourced by capture.sh after
# bookworm.sh and trixie.sh (it uses their setup_locales, BW_SOURCES and TX_SOURCES).
#
# Per release, one chroot is brought into a state where every bracket apt list prints shows up:
# packages upgradable from -security/-updates (the base is the point release debootstrap gives),
# dependencies installed automatically (gpg), packages auto-removable (wget, marked auto), a
# package whose configuration stays after removal (nano: residual-config) and a package installed
# from a local .deb (no archive has it: local). Then each listing command runs in C and in
# LISTING_LANGS; the state does not change between the runs (apt list changes nothing).
#
# The truth of each log is its C-locale twin: the same command run in the C locale right before
# it, in the same state, parsed by make_truth.py (apt's English brackets, from private-output.cc).
LISTING_LANGS=${LISTING_LANGS:-de_DE fr_FR es_ES ja_JP}
# A base chroot to copy instead of running debootstrap (e.g. /var/tmp/base: it holds bookworm
# and trixie made like mkbase does).
LISTING_BASE=${LISTING_BASE:-}

make_local_deb() {  # make_local_deb OUTDIR : a tiny package that no archive has
    make_test_deb "$1" aptparse-listing-local "package installed from a local file" \
        "Built by corpus/capture/listing.sh so that apt list prints [installed,local]."
}

# cap_listing ROOT CASE "CMD" : CMD in C and in every LISTING_LANGS, each with its C twin's truth.
cap_listing() {
    local root=$1 case=$2 cmd=$3 lang name src
    for lang in "" $LISTING_LANGS; do
        if [ -z "$lang" ]; then
            cap "$root" "$case" apt "$LISTING_LAYOUT" "$cmd"
        else
            LOC=$lang.UTF-8 LANGUAGE_=$lang cap "$root" "$case-${lang%%_*}" apt "$LISTING_LAYOUT" "$cmd"
        fi
        name=$LAST_NAME
        src=$WORKDIR/truthsrc/$name
        # the C-locale twin, in the same state (apt list changes nothing)
        q "$root" "$cmd" > "$src/twin.out" 2>/dev/null || true
        python3 "$CAPDIR/make_truth.py" listing --name "$name" --logs "$LOGS" --twin-out "$src/twin.out" \
            --command "$cmd"
    done
}

listing_release() {  # listing_release SUITE SOURCES LAYOUT
    local suite=$1 S=$WORKDIR/listing-$1
    LISTING_LAYOUT=$3
    phase "listing $suite: base, locales, a state with every bracket"
    if [ -n "$LISTING_BASE" ] && [ -d "$LISTING_BASE/$suite" ]; then
        snap "$LISTING_BASE/$suite" "$S"
    else
        mkbase "$suite" "$S" "$2"
    fi
    setup_locales "$S"
    make_local_deb "$S/tmp"
    q "$S" "apt-get install -y -q --no-install-recommends gpg wget nano && apt-get remove -y -q nano &&
            apt-mark auto wget && dpkg -i /tmp/aptparse-listing-local_1.0_all.deb" \
        > "$WORKDIR/listing-$suite-setup.out" 2>&1
    phase "listing $suite: captures"
    cap_listing "$S" listing-upgradable "apt list --upgradable"
    cap_listing "$S" listing-installed "apt list --installed"
    cap_listing "$S" listing-all-versions "apt list -a apt tzdata libc6"
    cap_listing "$S" listing-states "apt list gpg wget nano aptparse-listing-local libgcrypt20"
    mounts_off "$S"
    phase ""
}

listing_part() {  # listing_part PART : listing | listing-bookworm | listing-trixie
    case $1 in listing | listing-bookworm) listing_release bookworm "$BW_SOURCES" classic ;; esac
    case $1 in listing | listing-trixie) listing_release trixie "$TX_SOURCES" apt3 ;; esac
}

# Plan versus outcome (issue 12, `aptparse --compare`): one real upgrade whose postinst fails and
# one that succeeds, each with its console output and the history.log, term.log and dpkg.log of
# the same run. Sourced by capture.sh after lib.sh and bookworm.sh (for SIMOPT and BW_SOURCES).
#
# How the upgrade fails: tzdata's postinst (bookworm) ends its configure step with
#   echo "$TIMEZONE" > "$DPKG_ROOT/etc/timezone"
# under `set -e`. The scenario makes /etc/timezone immutable (`chattr +i`, from the host, as an
# admin pinning the zone would) before a plain `apt-get -y upgrade`; the new tzdata unpacks, its
# postinst cannot write the file, exits 2, and dpkg leaves tzdata half-configured. The other
# upgrades of the run are configured. Nothing in the package or in dpkg is changed.

# after_status ROOT FILE : what dpkg says afterwards, one "name arch version status" line per package
after_status() {
    q "$1" "dpkg-query -W -f='\${Package} \${Architecture} \${Version} \${db:Status-Status}\n'" > "$2"
}

# pair ROOT CASE NOTE : the upgrade run in ROOT (console CASE) and copies of its three logs
pair() {
    local S=$1 case=$2 note=$3 ver
    ver=$(aptver "$S")
    REAL=1 NOTES="$note" cap "$S" "$case" apt-get classic "apt-get -y upgrade" "apt-get $SIMOPT upgrade"
    # apt upgrades itself in this run: the copied logs keep the console capture's apt version
    APTVER=$ver cap_file "$S" "$case-history-log" history.log /var/log/apt/history.log classic
    APTVER=$ver cap_file "$S" "$case-term-log" term.log /var/log/apt/term.log classic
    APTVER=$ver cap_file "$S" "$case-dpkg-log" dpkg.log /var/log/dpkg.log classic
    after_status "$S" "$WORKDIR/truthsrc/$LAST_NAME/after-status"
    python3 "$CAPDIR/make_truth.py" after --logs "$LOGS" --status "$WORKDIR/truthsrc/$LAST_NAME/after-status" \
        --names "$LAST_NAME" "$LAST_NAME-history-log" "$LAST_NAME-term-log" "$LAST_NAME-dpkg-log"
}

compare_all() {
    local B=$WORKDIR/bookworm-base S
    phase "compare: bookworm base"
    [ -d "$B" ] || mkbase bookworm "$B" "$BW_SOURCES"

    phase "compare: failed upgrade (tzdata postinst cannot write an immutable /etc/timezone)"
    S=$WORKDIR/b-cmp-fail; snap "$B" "$S"; rotate_logs "$S"
    chattr +i "$S/etc/timezone"
    pair "$S" failed-upgrade-y "/etc/timezone was made immutable (chattr +i) before the run: tzdata's postinst fails writing it, dpkg leaves tzdata half-configured; the sets are what apt planned, failed is what dpkg-query says afterwards"
    chattr -i "$S/etc/timezone"   # so that snap and rm -rf can remove the chroot later

    phase "compare: the same upgrade, successful"
    S=$WORKDIR/b-cmp-ok; snap "$B" "$S"; rotate_logs "$S"
    pair "$S" ok-upgrade-y "the same upgrade as failed-upgrade-y without the immutable /etc/timezone; failed is what dpkg-query says afterwards"
    phase ""
}

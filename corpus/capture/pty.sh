# pty captures (scenario C): TERM=xterm-256color, a 120x40 pty from script(1); the log holds
# colours, \r progress and apt's fancy progress bar exactly as the terminal received them.
pty_all() {
    local S
    phase "pty: bookworm"
    S=$WORKDIR/b-pty; snap "$WORKDIR/bookworm-base" "$S"
    TTY=1 cap "$S" pty-apt-get-install-s apt-get classic "apt-get -s install git" "apt-get $SIMOPT install git"
    TTY=1 REAL=1 cap "$S" pty-apt-install-y apt classic "apt -y install less" "apt $SIMOPT install less"
    TTY=1 REAL=1 cap "$S" pty-apt-upgrade-y apt classic "apt -y upgrade" "apt $SIMOPT upgrade"

    S=$WORKDIR/b-pty-session; snap "$WORKDIR/bookworm-base" "$S"
    TTY=1 NOTES="session: apt update (no package transaction), then apt -s upgrade (transaction 1), then apt install -y nano (transaction 2)" \
        cap "$S" pty-session apt classic "apt update; apt -s upgrade; apt install -y nano" \
        "apt $SIMOPT upgrade" "apt $SIMOPT install nano"

    phase "pty: trixie"
    S=$WORKDIR/t-pty; snap "$WORKDIR/trixie-base" "$S"
    TTY=1 REAL=1 cap "$S" pty-apt-install-y apt apt3 "apt -y install less" "apt $SIMOPT install less"
    TTY=1 REAL=1 cap "$S" pty-apt-get-install-y apt-get classic "apt-get -y install nano" "apt-get $SIMOPT install nano"
    TTY=1 REAL=1 cap "$S" pty-apt-upgrade-y apt apt3 "apt -y upgrade" "apt $SIMOPT upgrade"
    S=$WORKDIR/t-pty-forky; snap "$WORKDIR/t-forky" "$S"
    TTY=1 cap "$S" pty-forky-apt-upgrade-s apt apt3 "apt -s upgrade" "apt $SIMOPT upgrade"
    LOC=de_DE.UTF-8 LANGUAGE_=de_DE TTY=1 cap "$S" pty-forky-apt-upgrade-s-de apt apt3 "apt -s upgrade" "apt $SIMOPT upgrade"
    # a session of several commands; lists were updated just before, so the two simulations
    # taken before the session describe the states its 2nd and 3rd commands start from.
    S=$WORKDIR/t-pty-session; snap "$WORKDIR/trixie-base" "$S"
    TTY=1 NOTES="session: apt update (no package transaction), then apt -s upgrade (transaction 1), then apt install -y nano (transaction 2)" \
        cap "$S" pty-session apt apt3 "apt update; apt -s upgrade; apt install -y nano" \
        "apt $SIMOPT upgrade" "apt $SIMOPT install nano"
    phase ""
}

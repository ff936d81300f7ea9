# Debian 13 trixie scenarios (apt 3.0: `apt` prints the 3.0 layout, apt-get the classic one).
TX_SOURCES="deb $MIRROR trixie main
deb $MIRROR trixie-updates main
deb $SECMIRROR trixie-security main"

add_forky() {  # add_forky ROOT : many real upgrades (forky = testing). The archive copy we reach
    # serves a forky Release whose Valid-Until may have passed: accept it (recorded in meta apt_config).
    local r=$1
    echo "deb $MIRROR forky main" >> "$r/etc/apt/sources.list"
    echo 'Acquire::Check-Valid-Until "false";' > "$r/etc/apt/apt.conf.d/99corpus"
    q "$r" "apt-get update -q" > /dev/null
}

trixie_all() {
    local T=$WORKDIR/trixie-base S lang
    phase "trixie: debootstrap + update + locales"
    mkbase trixie "$T" "$TX_SOURCES"
    setup_locales "$T"
    rotate_logs "$T"

    phase "trixie: simulations against trixie-security/updates"
    S=$WORKDIR/t-sim; snap "$T" "$S"
    cap "$S" apt-upgrade-s apt apt3 "apt -s upgrade" "apt $SIMOPT upgrade"
    cap "$S" apt-upgrade-v-s apt apt3 "apt -V -s upgrade" "apt $SIMOPT upgrade"
    cap "$S" upgrade-s apt-get classic "apt-get -s upgrade" "apt-get $SIMOPT upgrade"
    cap "$S" upgrade-s-output-version-30 apt-get apt3 "apt-get -s -o APT::Output-Version=30 upgrade" "apt-get $SIMOPT upgrade"

    phase "trixie: simulations against forky (many upgrades, new deps)"
    S=$WORKDIR/t-forky; snap "$T" "$S"; add_forky "$S"
    cap "$S" forky-apt-upgrade-s apt apt3 "apt -s upgrade" "apt $SIMOPT upgrade"
    cap "$S" forky-apt-upgrade-v-s apt apt3 "apt -V -s upgrade" "apt $SIMOPT upgrade"
    cap "$S" forky-apt-full-upgrade-s apt apt3 "apt -s full-upgrade" "apt $SIMOPT full-upgrade"
    cap "$S" forky-upgrade-s apt-get classic "apt-get -s upgrade" "apt-get $SIMOPT upgrade"
    cap "$S" forky-upgrade-s-output-version-30 apt-get apt3 "apt-get -s -o APT::Output-Version=30 upgrade" "apt-get $SIMOPT upgrade"
    cap "$S" forky-upgrade-sqq apt-get classic "apt-get -sqq upgrade" "apt-get $SIMOPT upgrade"
    cap "$S" forky-apt-list-upgradable apt apt3 "apt list --upgradable" "apt-get $SIMOPT install"
    NOTES="aborted at the prompt (--assume-no): nothing changed; the sets are what apt listed" \
        cap "$S" forky-apt-upgrade-assume-no apt apt3 "apt --assume-no upgrade" "apt $SIMOPT upgrade"
    cap "$S" apt-remove-essential-s apt apt3 "apt remove -s sed" "apt $SIMOPT --allow-remove-essential remove sed"
    for lang in de_DE fr_FR ru_RU ja_JP; do
        LOC=$lang.UTF-8 LANGUAGE_=$lang cap "$S" "forky-apt-upgrade-s-${lang%%_*}" apt apt3 "apt -s upgrade" "apt $SIMOPT upgrade"
    done
    LOC=de_DE.UTF-8 LANGUAGE_=de_DE cap "$S" forky-upgrade-s-de apt-get classic "apt-get -s upgrade" "apt-get $SIMOPT upgrade"

    phase "trixie: held packages (forky upgrades)"
    S=$WORKDIR/t-forky-held; snap "$WORKDIR/t-forky" "$S"
    cap "$S" apt-mark-hold apt-get apt3 "apt-mark hold bash dpkg tzdata"
    cap "$S" forky-held-apt-upgrade-s apt apt3 "apt -s upgrade" "apt $SIMOPT upgrade"
    cap "$S" forky-held-apt-install-s apt apt3 "apt install -s tzdata" "apt $SIMOPT --allow-change-held-packages install tzdata"
    cap "$S" forky-held-apt-install-y-error apt apt3 "apt install -y tzdata" "apt $SIMOPT --allow-change-held-packages install tzdata"
    cap "$S" forky-held-install-s apt-get classic "apt-get install -s tzdata" "apt-get $SIMOPT --allow-change-held-packages install tzdata"

    phase "trixie: forky at pin 100 (unsatisfiable dependencies, solver3 explanation)"
    S=$WORKDIR/t-pin; snap "$T" "$S"; add_forky "$S"
    mkdir -p "$S/etc/apt/preferences.d"
    printf 'Package: *\nPin: release n=forky\nPin-Priority: 100\n' > "$S/etc/apt/preferences.d/forky-low"
    cap "$S" apt-install-unmet-deps-s apt apt3 "apt install -s coreutils/forky" "apt $SIMOPT install coreutils/forky"
    cap "$S" install-unmet-deps-s apt-get classic "apt-get install -s coreutils/forky" "apt-get $SIMOPT install coreutils/forky"
    cap "$S" apt-install-release-select-s apt apt3 "apt install -s libc-bin/forky" "apt $SIMOPT install libc-bin/forky"

    phase "trixie: real upgrade to forky"
    S=$WORKDIR/t-forky-real; snap "$WORKDIR/t-forky" "$S"
    REAL=1 cap "$S" forky-apt-upgrade-y apt apt3 "apt -y upgrade" "apt $SIMOPT upgrade"

    phase "trixie: install/remove/purge/autoremove sequence"
    S=$WORKDIR/t-seq; snap "$T" "$S"
    REAL=1 cap "$S" apt-upgrade-y apt apt3 "apt -y upgrade" "apt $SIMOPT upgrade"
    cap "$S" apt-install-git-s apt apt3 "apt install -s git" "apt $SIMOPT install git"
    cap "$S" apt-install-git-v-s apt apt3 "apt install -V -s git" "apt $SIMOPT install git"
    cap "$S" install-git-s apt-get classic "apt-get install -s git" "apt-get $SIMOPT install git"
    REAL=1 cap "$S" apt-install-y apt apt3 "apt install -y --no-install-recommends git" "apt $SIMOPT install --no-install-recommends git"
    REAL=1 cap "$S" apt-install-vim-y apt apt3 "apt install -y vim" "apt $SIMOPT install vim"
    REAL=1 cap "$S" apt-remove-y apt apt3 "apt remove -y vim" "apt $SIMOPT remove vim"
    cap "$S" apt-autoremove-s apt apt3 "apt autoremove -s" "apt $SIMOPT autoremove"
    REAL=1 cap "$S" apt-autoremove-y apt apt3 "apt autoremove -y" "apt $SIMOPT autoremove"
    cap "$S" apt-purge-s apt apt3 "apt purge -s git git-man" "apt $SIMOPT purge git git-man"
    REAL=1 cap "$S" apt-purge-y apt apt3 "apt purge -y --autoremove git" "apt $SIMOPT purge --autoremove git"
    REAL=1 cap "$S" apt-reinstall-y apt apt3 "apt install -y --reinstall sed" "apt $SIMOPT install --reinstall sed"
    local old
    old=$(q "$S" "apt-cache madison libzstd1" | awk -F' [|] ' '$3 ~ / trixie\/main/ {print $2; exit}')
    cap "$S" apt-downgrade-s apt apt3 "apt install -s --allow-downgrades libzstd1=$old" "apt $SIMOPT install --allow-downgrades libzstd1=$old"
    REAL=1 cap "$S" apt-downgrade-y apt apt3 "apt install -y --allow-downgrades libzstd1=$old" "apt $SIMOPT install --allow-downgrades libzstd1=$old"
    cap "$S" apt-error-unknown-package apt apt3 "apt install -y nonexistent-pkg" "apt $SIMOPT install nonexistent-pkg"
    for lang in de_DE fr_FR ru_RU; do
        LOC=$lang.UTF-8 LANGUAGE_=$lang cap "$S" "apt-install-s-${lang%%_*}" apt apt3 "apt install -s git" "apt $SIMOPT install git"
    done
    LOC=de_DE.UTF-8 LANGUAGE_=de_DE REAL=1 cap "$S" apt-install-y-de apt apt3 "apt install -y nano" "apt $SIMOPT install nano"
    LOC=fr_FR.UTF-8 LANGUAGE_=fr_FR REAL=1 cap "$S" apt-purge-y-fr apt apt3 "apt purge -y --autoremove nano" "apt $SIMOPT purge --autoremove nano"
    LOC=ru_RU.UTF-8 LANGUAGE_=ru_RU cap "$S" apt-error-unknown-package-ru apt apt3 "apt install -y nonexistent-pkg" "apt $SIMOPT install nonexistent-pkg"

    phase "trixie: history.log, term.log, dpkg.log"
    cap_file "$S" history-log history.log /var/log/apt/history.log apt3
    cap_file "$S" term-log term.log /var/log/apt/term.log apt3
    cap_file "$S" dpkg-log dpkg.log /var/log/dpkg.log apt3
    phase ""
}

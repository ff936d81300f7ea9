# Debian 12 bookworm scenarios (apt 2.6, classic layout). Sourced by capture.sh after lib.sh.
SIMOPT="-s -qq -o APT::Get::Show-User-Simulation-Note=false"
BW_SOURCES="deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb $SECMIRROR bookworm-security main"
L10N_LOCALES="de_DE.UTF-8 fr_FR.UTF-8 ru_RU.UTF-8 es_ES.UTF-8 ja_JP.UTF-8"

setup_locales() {  # setup_locales ROOT : install locales and generate the test locales
    local r=$1 l
    q "$r" "apt-get install -y -q locales" > "$WORKDIR/locales-$(basename "$r").out" 2>&1
    for l in $L10N_LOCALES; do sed -i "s/^# *$l UTF-8/$l UTF-8/" "$r/etc/locale.gen"; done
    q "$r" "locale-gen" >> "$WORKDIR/locales-$(basename "$r").out" 2>&1
    q "$r" "ls /usr/share/locale/de/LC_MESSAGES/apt.mo /usr/share/locale/ru/LC_MESSAGES/apt.mo /usr/share/locale/ja/LC_MESSAGES/dpkg.mo && locale -a" >&2
}

# A tiny real package whose postinst exits 1 (scenario A7).
make_failing_deb() {  # make_failing_deb OUTDIR
    make_test_deb "$1" aptparse-failing-postinst "package whose postinst fails" \
        "Built by corpus/capture/bookworm.sh to capture a real maintainer-script failure." \
        'echo "aptparse-failing-postinst: postinst failing on purpose" >&2
exit 1'
}

bookworm_all() {
    local B=$WORKDIR/bookworm-base S
    phase "bookworm: debootstrap + update + locales"
    mkbase bookworm "$B" "$BW_SOURCES"
    setup_locales "$B"
    rotate_logs "$B"

    phase "bookworm: simulations (A1)"
    S=$WORKDIR/b-sim; snap "$B" "$S"
    cap "$S" upgrade-s apt-get classic "apt-get -s upgrade" "apt-get $SIMOPT upgrade"
    cap "$S" upgrade-sqq apt-get classic "apt-get -sqq upgrade" "apt-get $SIMOPT upgrade"
    cap "$S" upgrade-v-s apt-get classic "apt-get -V -s upgrade" "apt-get $SIMOPT upgrade"
    cap "$S" dist-upgrade-s apt-get classic "apt-get -s dist-upgrade" "apt-get $SIMOPT dist-upgrade"
    cap "$S" full-upgrade-s apt-get classic "apt-get -s full-upgrade" "apt-get $SIMOPT full-upgrade"
    cap "$S" apt-upgrade-s apt classic "apt -s upgrade" "apt $SIMOPT upgrade"
    cap "$S" apt-upgrade-v-s apt classic "apt -V -s upgrade" "apt $SIMOPT upgrade"
    cap "$S" apt-dist-upgrade-s apt classic "apt -s dist-upgrade" "apt $SIMOPT dist-upgrade"
    cap "$S" apt-full-upgrade-s apt classic "apt full-upgrade -s" "apt $SIMOPT full-upgrade"
    NOTES="aborted at the prompt (--assume-no): nothing changed; the sets are what apt listed" \
        cap "$S" upgrade-assume-no apt-get classic "apt-get --assume-no upgrade" "apt-get $SIMOPT upgrade"
    NOTES="answered n at the prompt: nothing changed; the sets are what apt listed" \
        cap "$S" upgrade-answer-n apt-get classic "echo n | apt-get upgrade" "apt-get $SIMOPT upgrade"
    cap "$S" remove-essential-s apt-get classic "apt-get -s remove sed" "apt-get $SIMOPT --allow-remove-essential remove sed"
    NOTES="refused: nothing changed; the sets are what apt listed" \
        cap "$S" remove-essential-y-error apt-get classic "apt-get -y remove sed" "apt-get $SIMOPT --allow-remove-essential remove sed"
    NOTES="apt list output: not a transaction; truth lists the upgradable set as not_upgraded of a no-op run" \
    cap "$S" apt-list-upgradable apt classic "apt list --upgradable" "apt-get $SIMOPT install"

    phase "bookworm: real upgrades (A2)"
    S=$WORKDIR/b-up1; snap "$B" "$S"
    REAL=1 cap "$S" upgrade-y apt-get classic "apt-get -y upgrade" "apt-get $SIMOPT upgrade"
    S=$WORKDIR/b-up2; snap "$B" "$S"
    REAL=1 cap "$S" dist-upgrade-y apt-get classic "apt-get -y dist-upgrade" "apt-get $SIMOPT dist-upgrade"
    S=$WORKDIR/b-up3; snap "$B" "$S"
    REAL=1 cap "$S" apt-full-upgrade-y apt classic "apt -y full-upgrade" "apt $SIMOPT full-upgrade"
    S=$WORKDIR/b-up4; snap "$B" "$S"
    LOC=fr_FR.UTF-8 LANGUAGE_=fr REAL=1 cap "$S" upgrade-y-fr apt-get classic "apt-get -y upgrade" "apt-get $SIMOPT upgrade"

    phase "bookworm: held packages (A3)"
    S=$WORKDIR/b-held; snap "$B" "$S"
    cap "$S" apt-mark-hold apt-get classic "apt-mark hold apt libapt-pkg6.0 tzdata"
    # -qq implies -y, so the -s -qq twins of runs that change held or essential packages need
    # --allow-change-held-packages / --allow-remove-essential (they only lift the -y refusal).
    cap "$S" held-upgrade-s apt-get classic "apt-get -s upgrade" "apt-get $SIMOPT upgrade"
    cap "$S" held-dist-upgrade-s apt-get classic "apt-get -s dist-upgrade" "apt-get $SIMOPT dist-upgrade"
    cap "$S" held-apt-upgrade-s apt classic "apt -s upgrade" "apt $SIMOPT upgrade"
    cap "$S" held-install-s apt-get classic "apt-get -s install tzdata" "apt-get $SIMOPT --allow-change-held-packages install tzdata"
    cap "$S" held-install-y-error apt-get classic "apt-get -y install tzdata" "apt-get $SIMOPT --allow-change-held-packages install tzdata"
    REAL=1 cap "$S" held-install-allow-change-y apt-get classic "apt-get -y --allow-change-held-packages install tzdata" \
        "apt-get $SIMOPT --allow-change-held-packages install tzdata"
    cap "$S" held-install-unmet-s apt-get classic "apt-get -s install apt" "apt-get $SIMOPT install apt"

    phase "bookworm: foreign architecture i386 (name:arch spelling)"
    S=$WORKDIR/b-i386; snap "$B" "$S"
    q "$S" "dpkg --add-architecture i386"
    # the update itself is a capture too; a mirror mid-sync makes it fail for one index
    # ("File has unexpected size ... Mirror sync in progress?"), which is kept as it is.
    NOTES="apt-get update: no package transaction" cap "$S" i386-apt-get-update apt-get classic "apt-get update"
    local lz
    lz=$(q "$S" "dpkg-query -W -f='\${Version}' liblzma5")
    REAL=1 cap "$S" i386-install-y apt-get classic "apt-get -y install zlib1g:i386 liblzma5:i386=$lz" \
        "apt-get $SIMOPT install zlib1g:i386 liblzma5:i386=$lz"
    cap "$S" i386-upgrade-s apt-get classic "apt-get -s upgrade" "apt-get $SIMOPT upgrade"
    cap "$S" i386-apt-upgrade-v-s apt classic "apt -V -s upgrade" "apt $SIMOPT upgrade"
    REAL=1 cap "$S" i386-upgrade-y apt-get classic "apt-get -y upgrade" "apt-get $SIMOPT upgrade"
    REAL=1 cap "$S" i386-purge-y apt-get classic "apt-get -y purge --autoremove zlib1g:i386 liblzma5:i386" \
        "apt-get $SIMOPT purge --autoremove zlib1g:i386 liblzma5:i386"

    phase "bookworm: pointed at trixie (A3 kept back, A8 big dist-upgrade)"
    S=$WORKDIR/b-to-trixie; snap "$B" "$S"
    echo "deb $MIRROR trixie main" > "$S/etc/apt/sources.list"
    q "$S" "apt-get update -q" > /dev/null
    cap "$S" to-trixie-upgrade-s apt-get classic "apt-get -s upgrade" "apt-get $SIMOPT upgrade"
    cap "$S" to-trixie-apt-upgrade-s apt classic "apt -s upgrade" "apt $SIMOPT upgrade"
    cap "$S" to-trixie-dist-upgrade-s apt-get classic "apt-get -s dist-upgrade" "apt-get $SIMOPT dist-upgrade"
    cap "$S" to-trixie-dist-upgrade-v-s apt-get classic "apt-get -V -s dist-upgrade" "apt-get $SIMOPT dist-upgrade"
    cap "$S" to-trixie-dist-upgrade-sqq apt-get classic "apt-get -sqq dist-upgrade" "apt-get $SIMOPT dist-upgrade"

    phase "bookworm: trixie added at pin 100 (A7 unmet dependencies)"
    S=$WORKDIR/b-pin; snap "$B" "$S"
    echo "deb $MIRROR trixie main" >> "$S/etc/apt/sources.list"
    mkdir -p "$S/etc/apt/preferences.d"
    printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100\n' > "$S/etc/apt/preferences.d/trixie-low"
    q "$S" "apt-get update -q" > /dev/null
    cap "$S" install-unmet-deps-s apt-get classic "apt-get -s install hello/trixie" "apt-get $SIMOPT install hello/trixie"
    cap "$S" install-unmet-deps-y apt-get classic "apt-get -y install hello/trixie" "apt-get $SIMOPT install hello/trixie"
    UPGOPT="-o APT::Default-Release=trixie" cap "$S" install-target-release-s apt-get classic "apt-get -s -t trixie install hello" "apt-get $SIMOPT -t trixie install hello"
    cap "$S" apt-install-unmet-deps-s apt classic "apt -s install hello/trixie" "apt $SIMOPT install hello/trixie"

    phase "bookworm: install/remove/purge/autoremove/reinstall/downgrade/errors sequence (A4-A7)"
    S=$WORKDIR/b-seq; snap "$B" "$S"
    cap "$S" install-git-s apt-get classic "apt-get -s install git" "apt-get $SIMOPT install git"
    cap "$S" install-git-v-s apt-get classic "apt-get -V -s install git" "apt-get $SIMOPT install git"
    cap "$S" install-git-norec-s apt-get classic "apt-get -s --no-install-recommends install git" "apt-get $SIMOPT --no-install-recommends install git"
    cap "$S" install-python3-s apt-get classic "apt-get -s install python3" "apt-get $SIMOPT install python3"
    REAL=1 cap "$S" install-git-norec-y apt-get classic "apt-get -y --no-install-recommends install git" "apt-get $SIMOPT --no-install-recommends install git"
    XENV="" REAL=1 NOTES="run without DEBIAN_FRONTEND: debconf falls back to the teletype frontend" \
        cap "$S" install-vim-y apt-get classic "apt-get -y install vim" "apt-get $SIMOPT install vim"
    REAL=1 cap "$S" install-v-y apt-get classic "apt-get -V -y install netcat-openbsd jq" "apt-get $SIMOPT install netcat-openbsd jq"
    cap "$S" remove-s apt-get classic "apt-get -s remove vim" "apt-get $SIMOPT remove vim"
    REAL=1 cap "$S" remove-y-autoremove-notice apt-get classic "apt-get -y remove vim" "apt-get $SIMOPT remove vim"
    cap "$S" autoremove-plural-s apt-get classic "apt-get -s autoremove" "apt-get $SIMOPT autoremove"
    REAL=1 cap "$S" autoremove-plural-y apt-get classic "apt-get -y autoremove" "apt-get $SIMOPT autoremove"
    REAL=1 cap "$S" remove-y-autoremove-notice-singular apt-get classic "apt-get -y remove netcat-openbsd" "apt-get $SIMOPT remove netcat-openbsd"
    REAL=1 cap "$S" autoremove-singular-y apt-get classic "apt-get -y autoremove" "apt-get $SIMOPT autoremove"
    cap "$S" purge-s apt-get classic "apt-get -s purge git git-man jq libjq1" "apt-get $SIMOPT purge git git-man jq libjq1"
    REAL=1 cap "$S" purge-autoremove-y apt-get classic "apt-get -y purge --autoremove git" "apt-get $SIMOPT purge --autoremove git"
    REAL=1 cap "$S" reinstall-y apt-get classic "apt-get -y install --reinstall sed less" "apt-get $SIMOPT install --reinstall sed less"
    REAL=1 cap "$S" install-one-upgrade-y apt-get classic "apt-get -y install tzdata" "apt-get $SIMOPT install tzdata"
    local old
    old=$(q "$S" "apt-cache madison tzdata" | awk -F' [|] ' '$3 ~ / bookworm\/main/ {print $2; exit}')
    cap "$S" downgrade-s apt-get classic "apt-get -s install --allow-downgrades tzdata=$old" "apt-get $SIMOPT install --allow-downgrades tzdata=$old"
    REAL=1 cap "$S" downgrade-y apt-get classic "apt-get -y install --allow-downgrades tzdata=$old" "apt-get $SIMOPT install --allow-downgrades tzdata=$old"
    cap "$S" error-unknown-package apt-get classic "apt-get -y install nonexistent-pkg" "apt-get $SIMOPT install nonexistent-pkg"
    cap "$S" apt-error-unknown-package apt classic "apt -y install nonexistent-pkg" "apt $SIMOPT install nonexistent-pkg"
    cap "$S" error-bad-version apt-get classic "apt-get -y install tzdata=badversion" "apt-get $SIMOPT install tzdata=badversion"
    make_failing_deb "$S/tmp"
    REAL=1 cap "$S" failing-postinst-y apt-get classic "cd /tmp && apt-get -y install ./aptparse-failing-postinst_1.0_all.deb" \
        "cd /tmp && apt-get $SIMOPT install ./aptparse-failing-postinst_1.0_all.deb"
    cap "$S" after-failure-upgrade-s apt-get classic "apt-get -s upgrade" "apt-get $SIMOPT upgrade"
    REAL=1 cap "$S" after-failure-purge-y apt-get classic "apt-get -y purge aptparse-failing-postinst" "apt-get $SIMOPT purge aptparse-failing-postinst"

    phase "bookworm: translations (A9)"
    local lang
    for lang in de_DE fr_FR ru_RU es_ES ja_JP; do
        LOC=$lang.UTF-8 LANGUAGE_=$lang cap "$WORKDIR/b-sim" "upgrade-s-${lang%%_*}" apt-get classic "apt-get -s upgrade" "apt-get $SIMOPT upgrade"
    done
    for lang in de_DE ru_RU ja_JP; do
        LOC=$lang.UTF-8 LANGUAGE_=$lang cap "$S" "install-git-s-${lang%%_*}" apt-get classic "apt-get -s install git" "apt-get $SIMOPT install git"
    done
    LOC=de_DE.UTF-8 LANGUAGE_=de_DE REAL=1 cap "$S" install-y-de apt-get classic "apt-get -y install nano" "apt-get $SIMOPT install nano"
    LOC=ru_RU.UTF-8 LANGUAGE_=ru_RU REAL=1 cap "$S" purge-y-ru apt-get classic "apt-get -y purge --autoremove nano" "apt-get $SIMOPT purge --autoremove nano"

    phase "bookworm: history.log, term.log, dpkg.log (A10)"
    cap_file "$S" history-log history.log /var/log/apt/history.log classic
    cap_file "$S" term-log term.log /var/log/apt/term.log classic
    cap_file "$S" dpkg-log dpkg.log /var/log/dpkg.log classic
    phase ""
}

#!/usr/bin/env bash
# Dateline over a real SSH session: an sshd on 127.0.0.1 (Debian's openssh-server), a
# tmux terminal of 80x24 running `ssh -t ... dateline`, keys sent, the screen read back.
# Run as root from the repository after installing the project:  bash tests/ssh_e2e.sh
set -euo pipefail

PORT=${PORT:-2222}
DATELINE=$(command -v dateline || true)
[ -n "$DATELINE" ] || { echo "ssh_e2e: install the project first (pip install .)"; exit 2; }
if ! command -v /usr/sbin/sshd >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssh-server >/dev/null
fi

work=$(mktemp -d)
socket="dateline-ssh-$$"
cleanup() {
    tmux -L "$socket" kill-server 2>/dev/null || true
    [ -f "$work/sshd.pid" ] && kill "$(cat "$work/sshd.pid")" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

ssh-keygen -q -t ed25519 -N '' -f "$work/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$work/client_key"
cp "$work/client_key.pub" "$work/authorized_keys"
chmod 600 "$work/authorized_keys"
mkdir -p /run/sshd
cat > "$work/sshd_config" <<CONFIG
Port $PORT
ListenAddress 127.0.0.1
HostKey $work/host_key
PidFile $work/sshd.pid
AuthorizedKeysFile $work/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
StrictModes no
UsePAM no
AcceptEnv LANG
CONFIG
/usr/sbin/sshd -f "$work/sshd_config"

ssh_command="ssh -t -p $PORT -i $work/client_key -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR root@127.0.0.1 'TERM=xterm-256color LANG=C.UTF-8 XDG_STATE_HOME=$work/state XDG_CACHE_HOME=$work/cache $DATELINE'"
# A state and cache of its own: a reading place kept by an earlier run would open elsewhere.
tmux -L "$socket" new-session -d -s ssh -x 80 -y 24 "$ssh_command"

screen() { tmux -L "$socket" capture-pane -p -t ssh; }
wait_for() {
    for _ in $(seq 1 150); do
        if screen | grep -qF -- "$1"; then return 0; fi
        sleep 0.2
    done
    echo "ssh_e2e: FAILED waiting for: $1"; screen; exit 1
}
keys() { for key in "$@"; do tmux -L "$socket" send-keys -t ssh "$key"; sleep 0.3; done; }

wait_for "2 articles · 12 of 12 events"
wait_for "The Trump administration has reached out to"
keys j
wait_for "▌ Mid-level U.S. and Chinese officials"
keys / tariff
wait_for "12 hits in 2 articles"
echo "--- the reader over SSH, after j and /tariff ---"
screen
keys Enter Escape q
for _ in $(seq 1 50); do
    tmux -L "$socket" has-session -t ssh 2>/dev/null || break
    sleep 0.2
done
if tmux -L "$socket" has-session -t ssh 2>/dev/null; then
    echo "ssh_e2e: FAILED: q did not end the session"; exit 1
fi
echo "ssh_e2e: passed (timeline, article, search and quit over ssh -t to 127.0.0.1:$PORT)"

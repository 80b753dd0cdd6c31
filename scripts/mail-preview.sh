#!/bin/sh
# Renders one partner's HTML message, as the samples' run writes it to the
# outbox, to a PNG with headless Chromium (Debian's `chromium` package):
#
#   scripts/mail-preview.sh [PARTNER_ID] [OUT.png] [en|de]
#
# Defaults: partner 1000004, docs/email-partner.png, en; HEIGHT=820 pixels.
# Needs python3 (to take the HTML part out of the .eml) and chromium.
set -eu
partner=${1:-1000004}
png=${2:-docs/email-partner.png}
lang=${3:-en}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run --quiet -- run --input samples --output "$work/out" --as-of 2017-09-30 \
    --lang "$lang" --email --quiet >/dev/null
eml=$(ls "$work"/out/outbox/*-partner-"$partner".eml)
python3 - "$eml" "$work/message.html" <<'PY'
import sys
from email import message_from_binary_file, policy
with open(sys.argv[1], "rb") as f:
    msg = message_from_binary_file(f, policy=policy.default)
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write(msg.get_body(preferencelist=("html",)).get_content())
PY
mkdir -p "$(dirname "$png")"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --hide-scrollbars --window-size="680,${HEIGHT:-820}" \
    --screenshot="$(realpath "$png")" "file://$work/message.html" 2>/dev/null
echo "$png"

#!/bin/sh
# Renders one partner's HTML message, as a run writes it to the outbox, to a
# PNG with headless Chromium (Debian's `chromium` package):
#
#   scripts/mail-preview.sh [PARTNER_ID] [OUT.png] [en|de] [RULES]
#
# Defaults: partner 1000004, docs/email-partner.png, en, the default rules;
# INPUT=samples, AS_OF=2017-09-30, HEIGHT=820 pixels. A points-scored
# designation on its own sample, e.g. Lakeshore on Modern Work:
#
#   INPUT=samples/.modern-work-monthly AS_OF=2026-09-30 \
#     scripts/mail-preview.sh 3000003 docs/email-partner-points.png en solutions-partner-modern-work
#
# A partner without a Contact Email in the inputs gets one for the preview
# (a copy of the inputs plus a one-line contacts file; the inputs are left
# alone). Needs python3 (to take the HTML part out of the .eml) and chromium.
set -eu
partner=${1:-1000004}
png=${2:-docs/email-partner.png}
lang=${3:-en}
rules=${4:-}
input=${INPUT:-samples}
as_of=${AS_OF:-2017-09-30}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run() {
    rm -rf "$work/out"
    cargo run --quiet -- run --input "$1" --output "$work/out" --as-of "$as_of" \
        --lang "$lang" ${rules:+--rules "$rules"} --email --quiet >/dev/null 2>&1
}
run "$input"
eml=$(ls "$work"/out/outbox/*-partner-"$partner".eml 2>/dev/null || true)
if [ -z "$eml" ]; then
    mkdir -p "$work/in"
    cp -R "$input"/. "$work/in/"
    printf 'Partner ID,Contact Email\n%s,preview@example.invalid\n' "$partner" \
        >"$work/in/preview-contact.csv"
    run "$work/in"
    eml=$(ls "$work"/out/outbox/*-partner-"$partner".eml)
fi
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

#!/usr/bin/env bash
# The deploy pipeline's smoke test of a stage: assumes the stage's smoke test role, creates a short-lived admin key,
# runs `npm run smoke` (with --write when SMOKE_WRITE=1), and revokes the key whatever happened. With SMOKE_ALARM_NAME
# it also proves that an alarm reaches the alarm topic: it sets that alarm to ALARM, waits for its history to show
# the SNS action succeeded, and sets it back. The key goes through a file, never a command line or the log. Reads the
# stage's outputs from the environment: API_URL, SMOKE_ROLE_ARN, API_KEYS_TABLE, for --write REFERRALS_TABLE and
# USAGE_TABLE, and SMOKE_ALARM_NAME.
set -euo pipefail

: "${API_URL:?}" "${SMOKE_ROLE_ARN:?}" "${API_KEYS_TABLE:?}"

read -r AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN < <(
  aws sts assume-role --role-arn "$SMOKE_ROLE_ARN" --role-session-name "smoke-${CODEBUILD_BUILD_NUMBER:-manual}" \
    --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text
)
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN

key_file=$(mktemp)
chmod 600 "$key_file"
# The key's id is drawn here, before the key exists: whatever fails after the write (a lost answer, the key file),
# the trap knows what to revoke.
key_id="key_$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
alarm_set=""

set_alarm_back() {
  if [ -n "$alarm_set" ]; then
    aws cloudwatch set-alarm-state --alarm-name "$SMOKE_ALARM_NAME" --state-value OK \
      --state-reason "Pipeline smoke test: delivery check done" || echo "could not set ${SMOKE_ALARM_NAME} back to OK"
    alarm_set=""
  fi
}

# Revocation is retried: the key-id index is eventually consistent, and a throttled call is worth another try. A key
# that was never stored is reported as not found every time, and the step has failed already.
revoke() {
  local status=$?
  set_alarm_back
  local attempt revoked=""
  for attempt in 1 2 3 4 5 6; do
    if npm run -s keys -- revoke "$key_id"; then
      revoked=1
      break
    fi
    sleep $((attempt * 2))
  done
  rm -f "$key_file"
  if [ -z "$revoked" ]; then
    echo "could not revoke ${key_id}: if it exists, revoke it with npm run keys -- revoke ${key_id} --table ${API_KEYS_TABLE}"
    [ "$status" -eq 0 ] && status=1
  fi
  exit "$status"
}
trap revoke EXIT

npm run -s keys -- create --user pipeline-smoke --plan enterprise --admin --key-id "$key_id" \
  --label "pipeline smoke ${CODEBUILD_BUILD_NUMBER:-manual}" --key-file "$key_file" >/dev/null
echo "smoke key ${key_id}, revoked when this step ends"

if [ "${SMOKE_WRITE:-0}" = "1" ]; then
  npm run -s smoke -- --url "$API_URL" --key-file "$key_file" --write
else
  npm run -s smoke -- --url "$API_URL" --key-file "$key_file"
fi

# Alarm delivery: the alarm's own history records whether its SNS action succeeded (CloudWatch publishes to the
# topic, encrypted with the topic's key). https://docs.aws.amazon.com/cli/latest/reference/cloudwatch/set-alarm-state.html
if [ -n "${SMOKE_ALARM_NAME:-}" ]; then
  since=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  alarm_set=1
  aws cloudwatch set-alarm-state --alarm-name "$SMOKE_ALARM_NAME" --state-value ALARM \
    --state-reason "Pipeline smoke test: checking that alarms reach the alarm topic; no action needed"
  delivered=""
  for attempt in $(seq 1 "${SMOKE_ALARM_POLLS:-24}"); do
    history=$(aws cloudwatch describe-alarm-history --alarm-name "$SMOKE_ALARM_NAME" --history-item-type Action \
      --start-date "$since" --query 'AlarmHistoryItems[].HistorySummary' --output text)
    if grep -q 'Failed to execute action' <<<"$history"; then
      echo "alarm delivery failed: ${history}"
      exit 1
    fi
    if grep -q 'Successfully executed action' <<<"$history"; then
      delivered=1
      break
    fi
    sleep "${SMOKE_ALARM_POLL_SECONDS:-5}"
  done
  if [ -z "$delivered" ]; then
    echo "alarm delivery not confirmed: ${SMOKE_ALARM_NAME} recorded no action"
    exit 1
  fi
  echo "alarm delivery confirmed: ${SMOKE_ALARM_NAME} published to the alarm topic"
  set_alarm_back
fi

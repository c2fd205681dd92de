#!/usr/bin/env bash
# The deploy pipeline's smoke test of a stage: assumes the stage's smoke test role, creates a short-lived admin key,
# runs `npm run smoke` (with --write when SMOKE_WRITE=1), and revokes the key whatever happened. The key goes
# through a file, never a command line or the log. Reads the stage's outputs from the environment: API_URL,
# SMOKE_ROLE_ARN, API_KEYS_TABLE, and for --write REFERRALS_TABLE and USAGE_TABLE.
set -euo pipefail

: "${API_URL:?}" "${SMOKE_ROLE_ARN:?}" "${API_KEYS_TABLE:?}"

read -r AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN < <(
  aws sts assume-role --role-arn "$SMOKE_ROLE_ARN" --role-session-name "smoke-${CODEBUILD_BUILD_NUMBER:-manual}" \
    --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text
)
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN

key_file=$(mktemp)
chmod 600 "$key_file"
key_id=""
revoke() {
  if [ -n "$key_id" ]; then npm run -s keys -- revoke "$key_id"; fi
  rm -f "$key_file"
}
trap revoke EXIT

key_id=$(npm run -s keys -- create --user pipeline-smoke --plan enterprise --admin \
  --label "pipeline smoke ${CODEBUILD_BUILD_NUMBER:-manual}" --key-file "$key_file")
echo "smoke key ${key_id}, revoked when this step ends"

if [ "${SMOKE_WRITE:-0}" = "1" ]; then
  npm run -s smoke -- --url "$API_URL" --key-file "$key_file" --write
else
  npm run -s smoke -- --url "$API_URL" --key-file "$key_file"
fi

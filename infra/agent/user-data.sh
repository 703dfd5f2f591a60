#!/bin/bash
# EC2 user-data for a GPU host (Amazon Linux 2023, e.g. the Deep Learning Base AMI, with Triton running as
# triton.service): installs Node.js 22 from the distribution (nodejs22, no third-party repository), the worker
# agent bundle and its systemd unit, writes the agent's config, and starts it; then the CloudWatch agent with
# infra/cloudwatch-agent-gpu.json, which publishes the GPU metrics the fleet's alarms read (infra/cloudwatch-agent-gpu.md).
#
# The launch template needs (infra/launch-template-example.yml has both):
#   MetadataOptions: { HttpTokens: required, InstanceMetadataTags: enabled }
#     (the agent reads the autopilot:drain tag at /latest/meta-data/tags/instance/autopilot:drain)
#   an instance profile whose role allows only:
#     - sqs:ReceiveMessage, sqs:DeleteMessage, sqs:ChangeMessageVisibility on the work queue
#       (ChangeMessageVisibilityBatch is authorized as sqs:ChangeMessageVisibility);
#     - sqs:SendMessage on the reply queues clients name in the ReplyQueueUrl message attribute;
#     - ec2:CreateTags of the autopilot:drained key on the instance itself:
#         { "Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "arn:aws:ec2:*:*:instance/*",
#           "Condition": { "ArnEquals": { "ec2:SourceInstanceARN": "arn:aws:ec2:*:*:instance/${ec2:InstanceID}" },
#                          "ForAllValues:StringEquals": { "aws:TagKeys": ["autopilot:drained"] } } }
#     - s3:GetObject on the three artifacts below;
#     - cloudwatch:PutMetricData (the managed policy CloudWatchAgentServerPolicy) and ec2:DescribeTags, for the
#       CloudWatch agent and for reading the instance's aws:ec2:fleet-id tag.
#
# The artifacts are built once, in CI, from this repository:
#   npx esbuild agent/cli.ts --bundle --platform=node --target=node22 --format=esm --outfile=dist/autopilot-agent.mjs \
#     --banner:js="import{createRequire}from'node:module';const require=createRequire(import.meta.url);"
#   and uploaded with infra/agent/autopilot-agent.service and infra/cloudwatch-agent-gpu.json to AGENT_ARTIFACTS.
set -euo pipefail

# Per fleet (a launch template can fill these with Fn::Sub).
AGENT_ARTIFACTS="s3://my-artifacts-bucket/autopilot-agent/v1"
QUEUE_URL="https://sqs.us-east-1.amazonaws.com/123456789012/bert-large-work"
MODEL="bert-large"
# Requests in flight: Triton's max batch size x model instances, so dynamic batching fills its batches.
CONCURRENCY=16

dnf install -y nodejs22

id autopilot-agent >/dev/null 2>&1 || useradd --system --no-create-home --shell /sbin/nologin autopilot-agent
install -d -m 0755 /opt/autopilot-agent /etc/autopilot-agent
aws s3 cp "$AGENT_ARTIFACTS/autopilot-agent.mjs" /opt/autopilot-agent/autopilot-agent.mjs
aws s3 cp "$AGENT_ARTIFACTS/autopilot-agent.service" /etc/systemd/system/autopilot-agent.service
chmod 0644 /opt/autopilot-agent/autopilot-agent.mjs /etc/systemd/system/autopilot-agent.service

# The AWS SDK does not take the region from instance metadata; give it the instance's region.
TOKEN=$(curl -sS -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')
REGION=$(curl -sS -H "X-aws-ec2-metadata-token: $TOKEN" http://169.254.169.254/latest/meta-data/placement/region)
printf 'AWS_REGION=%s\n' "$REGION" > /etc/autopilot-agent/environment

cat > /etc/autopilot-agent/agent.yaml <<YAML
# Worker agent settings; the command-line flags of the same names (kebab-case) override them.
queueUrl: ${QUEUE_URL}
tritonUrl: http://127.0.0.1:8000
model: ${MODEL}
concurrency: ${CONCURRENCY}
visibilityTimeoutSeconds: 60
safetyMarginSeconds: 10
# Must stay below TimeoutStopSec of autopilot-agent.service (45 s).
sigtermGraceSeconds: 30
drainOnRebalance: false
healthPort: 8080
YAML
chmod 0644 /etc/autopilot-agent/agent.yaml

systemctl daemon-reload
systemctl enable --now autopilot-agent.service

# GPU metrics (namespace CWAgent, per GPU and rolled up per fleet): the fleet id replaces @FLEET_ID@, because the
# agent's global append_dimensions cannot hold it. EC2 Fleet tags each instance it launches with aws:ec2:fleet-id.
dnf install -y amazon-cloudwatch-agent
INSTANCE_ID=$(curl -sS -H "X-aws-ec2-metadata-token: $TOKEN" http://169.254.169.254/latest/meta-data/instance-id)
FLEET_ID=$(aws ec2 describe-tags --region "$REGION" --output text --query 'Tags[0].Value' \
  --filters "Name=resource-id,Values=$INSTANCE_ID" "Name=key,Values=aws:ec2:fleet-id")
aws s3 cp "$AGENT_ARTIFACTS/cloudwatch-agent-gpu.json" /tmp/cloudwatch-agent-gpu.json
sed "s/@FLEET_ID@/$FLEET_ID/" /tmp/cloudwatch-agent-gpu.json > /opt/aws/amazon-cloudwatch-agent/etc/gpu.json
/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s \
  -c file:/opt/aws/amazon-cloudwatch-agent/etc/gpu.json

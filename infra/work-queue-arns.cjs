// The SQS queue ARNs of config/fleets.yaml, for the function's sqs:GetQueueAttributes grant (least privilege:
// only the managed fleets' work queues, not every queue of the account). Resolved by `serverless package`.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { parse } = require('yaml');

/** https://sqs.us-east-1.amazonaws.com/123456789012/name -> arn:aws:sqs:us-east-1:123456789012:name */
const arnOf = (url) => {
  const match = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/(\d{12})\/([A-Za-z0-9_-]{1,80}(?:\.fifo)?)$/.exec(url);
  if (!match) throw new Error(`config/fleets.yaml: queueUrls: ${url} is not an SQS queue URL`);
  const partition = url.includes('.amazonaws.com.cn/') ? 'aws-cn' : 'aws';
  return `arn:${partition}:sqs:${match[1]}:${match[2]}:${match[3]}`;
};

module.exports = () => {
  const file = parse(readFileSync(join(__dirname, '..', 'config', 'fleets.yaml'), 'utf8'));
  const urls = (file?.fleets ?? []).flatMap((f) => f.queueUrls ?? []);
  if (urls.length === 0) throw new Error('config/fleets.yaml: no fleet names a queue');
  return [...new Set(urls.map(arnOf))];
};

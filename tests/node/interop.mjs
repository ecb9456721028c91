// Runs a whole share with the official Node SDK against a yoti-emulator and prints one line of
// JSON describing what the SDK saw. Every Yoti call goes through the SDK's own classes; only the
// emulator's control API (which completes the share in place of a phone) is called with fetch.
//
// Environment:
//   YOTI_DIGITAL_IDENTITY_API_URL  the emulator's base URL (read by the SDK itself)
//   YOTI_CLIENT_SDK_ID             the application's SDK id
//   YOTI_KEY_FILE_PATH             the application's PEM private key
//   YOTI_EMULATOR_CONTROL_URL      the emulator's control API
//   YOTI_REDIRECT_URI              where the share session redirects
//
// Output (stdout, one line): {"ok": {...}} after a share, or {"error": {...}} when a call fails,
// with the call (`step`) and the SDK error's name, status, code and reason; exit code 0 or 1.
// The SDK's own log lines and error stacks go to stderr.

import { readFileSync } from 'node:fs';
import yoti from 'yoti';

// `yoti` is a CommonJS module: its exports come as one default object.
const { DigitalIdentityClient, DigitalIdentityBuilders } = yoti;
const { PolicyBuilder, ShareSessionConfigurationBuilder } = DigitalIdentityBuilders;

// The SDK logs its failures with console.log; keep stdout for the one line of JSON.
console.log = (...args) => console.error(...args);

function env(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
}

const IMAGE_HEAD_BYTES = 4;

function image(media) {
  const content = media.getContent();
  return {
    mime_type: media.getMimeType(),
    length: content.length,
    head: content.subarray(0, IMAGE_HEAD_BYTES).toString('hex'),
  };
}

// The attribute value as JSON: text as it is, dates as YYYY-MM-DD, age checks as booleans,
// images as their length and first bytes.
function describeValue(value) {
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (value instanceof Date) {
    return value.toISOString().slice(0, 10);
  }
  if (typeof value.getResult === 'function' && typeof value.getCheckType === 'function') {
    return value.getResult();
  }
  if (typeof value.getContent === 'function' && typeof value.getMimeType === 'function') {
    return image(value);
  }
  if (Array.isArray(value)) {
    return value.map(describeValue);
  }
  return JSON.stringify(value);
}

function describeAttribute(attribute) {
  return {
    value: describeValue(attribute.getValue()),
    sources: attribute.getSources().map((anchor) => anchor.getValue()),
    verifiers: attribute.getVerifiers().map((anchor) => anchor.getValue()),
  };
}

async function share(controlUrl, sessionId) {
  const response = await fetch(`${controlUrl}/sessions/${encodeURIComponent(sessionId)}/share`, {
    method: 'POST',
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`the control API answered ${response.status}: ${text}`);
  }
  return JSON.parse(text).receiptId;
}

// The call in progress, named in the error output.
let step = 'start';

async function main() {
  const client = new DigitalIdentityClient(
    env('YOTI_CLIENT_SDK_ID'),
    readFileSync(env('YOTI_KEY_FILE_PATH'))
  );

  const policy = new PolicyBuilder()
    .withFullName()
    .withDateOfBirth()
    .withAgeOver(18)
    .withEmail()
    .withSelfie()
    .withWantedRememberMe()
    .build();
  const configuration = new ShareSessionConfigurationBuilder()
    .withPolicy(policy)
    .withRedirectUri(env('YOTI_REDIRECT_URI'))
    .build();

  step = 'create share session';
  const created = await client.createShareSession(configuration);
  const sessionId = created.getId();
  step = 'create QR code';
  const qrCode = await client.createShareQrCode(sessionId);
  step = 'get QR code';
  const qrCodeDetails = await client.getShareQrCode(qrCode.getId());
  step = 'get share session';
  const sessionBeforeShare = await client.getShareSession(sessionId);

  step = 'share';
  const receiptId = await share(env('YOTI_EMULATOR_CONTROL_URL'), sessionId);
  step = 'get share receipt';
  const receipt = await client.getShareReceipt(receiptId);

  const attributes = {};
  for (const attribute of receipt.getProfile().getAttributesList()) {
    attributes[attribute.getName()] = describeAttribute(attribute);
  }
  const applicationName = receipt.getApplicationContent().getProfile().getName();

  return {
    // The policy JSON exactly as the SDK writes it into the session configuration.
    policy: JSON.stringify(policy),
    session: {
      id: sessionId,
      status: created.getStatus(),
      expiry: created.getExpiry().toISOString(),
    },
    qr_code: {
      id: qrCode.getId(),
      uri: qrCode.getUri(),
      session_id: qrCodeDetails.getSessionId(),
      redirect_uri: qrCodeDetails.getRedirectUri(),
      expiry: qrCodeDetails.getExpiry().toISOString(),
    },
    session_before_share: {
      status: sessionBeforeShare.getStatus(),
      qr_code_id: sessionBeforeShare.getScannedQrCodeId() ?? null,
      receipt_id: sessionBeforeShare.getReceiptId() ?? null,
    },
    receipt: {
      id: receiptId,
      receipt_id: receipt.getReceiptId(),
      session_id: receipt.getSessionId(),
      error: receipt.getError() ?? null,
      remember_me_id: receipt.getRememberMeId() ?? null,
      parent_remember_me_id: receipt.getParentRememberMeId() ?? null,
      timestamp: receipt.getTimestamp().toISOString(),
      application_name: applicationName ? applicationName.getValue() : null,
      attributes,
    },
  };
}

function describeError(error) {
  return {
    step,
    name: error.name ?? null,
    message: error.message ?? null,
    status: error.status ?? null,
    code: error.code ?? null,
    reason: error.reason ?? null,
  };
}

try {
  const ok = await main();
  process.stdout.write(`${JSON.stringify({ ok })}\n`);
} catch (error) {
  console.error(error);
  process.stdout.write(`${JSON.stringify({ error: describeError(error) })}\n`);
  process.exitCode = 1;
}

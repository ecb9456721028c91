// Decodes receipts with the official Node SDK (`yoti` on npm, installed by
// `npm ci --prefix tests/node`), exactly as its DigitalIdentityService.getShareReceipt does after
// the two HTTP calls: parse both bodies, unwrap the receipt key, decrypt and convert the
// application and user content, build the GetShareReceiptResult; then read the selfie and every
// attribute's anchors, so nothing is left undone lazily.
//
// Usage: node benches/node/decode.mjs KEY.pem SECONDS NAME=RECEIPT.json,ITEM_KEY.json ...
// Prints one line of JSON: {"NAME": {"receipts_per_second": N, "iterations": N}, ...}.
// Started by the runtime benchmark (`cargo bench -p yoti-policy --bench runtime`).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const sdk = fileURLToPath(new URL('../../tests/node/node_modules/yoti/src/', import.meta.url));
const require = createRequire(sdk);
const ReceiptResponse = require(`${sdk}digital_identity_service/receipts/receipt.response.js`);
const ReceiptItemKeyResponse = require(
  `${sdk}digital_identity_service/receipts/receipt.item.key.response.js`,
);
const { unwrapReceiptKey } = require(`${sdk}digital_identity_service/receipts/decryption.utils.js`);
const {
  buildApplicationContentFromEncryptedContent,
  buildUserContentFromEncryptedContent,
} = require(`${sdk}digital_identity_service/receipts/content.factory.js`);
const GetShareReceiptResult = require(`${sdk}digital_identity_service/get.share.receipt.result.js`);

// The SDK logs an attribute it drops (the synthetic receipt's empty application logo) with
// console.log on every decode; keep stdout for the one line of JSON and the terminal quiet.
console.log = () => {};

// The SDK's own code from the two fetched bodies to the result (index.js, getShareReceipt).
function decode(receiptBody, itemKeyBody, pem) {
  const receiptResponse = new ReceiptResponse(JSON.parse(receiptBody));
  const itemKeyResponse = new ReceiptItemKeyResponse(JSON.parse(itemKeyBody));
  const receiptContentKey = unwrapReceiptKey(
    receiptResponse.getWrappedKey(),
    itemKeyResponse.getValue(),
    itemKeyResponse.getIv(),
    pem,
  );
  const applicationContent = buildApplicationContentFromEncryptedContent(
    receiptResponse.getContent(),
    receiptContentKey,
  );
  const userContent = buildUserContentFromEncryptedContent(
    receiptResponse.getOtherPartyContent(),
    receiptContentKey,
  );
  const result = new GetShareReceiptResult(receiptResponse, userContent, applicationContent);
  const profile = result.getProfile();
  let seen = 0;
  for (const attribute of profile.getAttributesList()) {
    seen += attribute.getAnchors().length;
  }
  const selfie = profile.getSelfie();
  return seen + (selfie ? selfie.getValue().getContent().length : 0);
}

const [keyPath, seconds, ...receipts] = process.argv.slice(2);
const pem = readFileSync(keyPath, 'utf8');
const results = {};
for (const spec of receipts) {
  const [name, files] = spec.split('=');
  const [receiptPath, itemKeyPath] = files.split(',');
  const receiptBody = readFileSync(receiptPath, 'utf8');
  const itemKeyBody = readFileSync(itemKeyPath, 'utf8');
  // Warm up the JIT, then count whole decodes for the given time.
  const warmUpEnd = performance.now() + 1000;
  while (performance.now() < warmUpEnd) {
    decode(receiptBody, itemKeyBody, pem);
  }
  const start = performance.now();
  const end = start + Number(seconds) * 1000;
  let iterations = 0;
  let now = start;
  while (now < end) {
    decode(receiptBody, itemKeyBody, pem);
    iterations += 1;
    now = performance.now();
  }
  results[name] = {
    receipts_per_second: (iterations * 1000) / (now - start),
    iterations,
  };
}
process.stdout.write(`${JSON.stringify(results)}\n`);

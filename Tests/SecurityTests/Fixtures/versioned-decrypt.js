#!/usr/bin/env node
// An independent reader of our versioned ciphertext format, written from its
// documentation (Sources/Security/Encryption/StoredCiphertext.swift) alone, to
// show the format is fully specified there:
//   v1:<keyId>:<base64url(nonce 12 | fingerprint 4 | ciphertext | tag 16)>
//   associated data = "supportcarr.field.v1" then, for keyId, collection, field
//   and documentId, a 4-byte big-endian length and the UTF-8 bytes.
//
// Usage: node versioned-decrypt.js < input.json
//   input:  {"keys": {"<id>": "<64 hex>"}, "items": [{"stored", "collection", "field", "documentId"}]}
//   output: a JSON array of the plaintexts (null where authentication failed)
'use strict';
const crypto = require('crypto');

function lengthPrefixed(text) {
  const bytes = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

function open(keys, item) {
  const [version, keyId, payload] = item.stored.split(':');
  if (version !== 'v1' || !(keyId in keys)) return null;
  const bytes = Buffer.from(payload, 'base64url');
  const nonce = bytes.subarray(0, 12);
  const body = bytes.subarray(16, bytes.length - 16);
  const tag = bytes.subarray(bytes.length - 16);
  const aad = Buffer.concat([
    Buffer.from('supportcarr.field.v1', 'utf8'),
    ...[keyId, item.collection, item.field, item.documentId].map(lengthPrefixed),
  ]);
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', Buffer.from(keys[keyId], 'hex'), nonce);
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return decipher.update(body, undefined, 'utf8') + decipher.final('utf8');
  } catch (error) {
    return null;
  }
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const { keys, items } = JSON.parse(input);
  process.stdout.write(JSON.stringify(items.map((item) => open(keys, item))));
});

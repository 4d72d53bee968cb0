#!/usr/bin/env node
// Interoperability fixture: the data model's Node.js field encryption
// (docs/DATA-MODEL.md, "Legacy format"),
// restated in our own words. AES-256-GCM, a 16-byte random IV, the 32-byte key
// from ENCRYPTION_KEY (hex), output `ivHex:authTagHex:cipherHex`.
//
// Usage: ENCRYPTION_KEY=<64 hex> node seed-encrypt.js
//   stdin:  a JSON array of strings to encrypt
//   stdout: a JSON array of {plaintext, ciphertext, roundTrip}, where roundTrip
//           is the Node services' own decrypt applied to the ciphertext (a self-check).
'use strict';
const crypto = require('crypto');

const ALGORITHM = 'aes-256-gcm';
const keyHex = process.env.ENCRYPTION_KEY || '';
if (!/^[0-9a-fA-F]{64}$/.test(keyHex)) {
  process.stderr.write('seed-encrypt.js: ENCRYPTION_KEY must be 64 hex digits\n');
  process.exit(2);
}
const key = Buffer.from(keyHex, 'hex');

// The Node services' encrypt: fresh 16-byte IV per value, UTF-8 in, hex out.
function seedEncrypt(text) {
  const iv = crypto.randomBytes(16);
  const cipher = crypto.createCipheriv(ALGORITHM, key, iv);
  const body = cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
  const tag = cipher.getAuthTag();
  return [iv.toString('hex'), tag.toString('hex'), body].join(':');
}

// The Node services' decrypt, used only to check the fixture against itself.
function seedDecrypt(stored) {
  const [ivHex, tagHex, bodyHex] = stored.split(':');
  const decipher = crypto.createDecipheriv(ALGORITHM, key, Buffer.from(ivHex, 'hex'));
  decipher.setAuthTag(Buffer.from(tagHex, 'hex'));
  return decipher.update(bodyHex, 'hex', 'utf8') + decipher.final('utf8');
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const plaintexts = JSON.parse(input);
  const out = plaintexts.map((plaintext) => {
    const ciphertext = seedEncrypt(plaintext);
    return { plaintext, ciphertext, roundTrip: seedDecrypt(ciphertext) };
  });
  process.stdout.write(JSON.stringify(out));
});
